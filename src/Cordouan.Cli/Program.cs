using Cordouan.Cli;
using Cordouan.Cli.Infrastructure;

return await CordApp.RunAsync(args, CliEnvironment.FromProcess(), CancellationToken.None);
