using System.CommandLine;
using System.CommandLine.Invocation;
using System.Net.WebSockets;
using System.Security.Authentication;
using Cordouan.Cli.Commands.Access;
using Cordouan.Cli.Commands.Ceph;
using Cordouan.Cli.Commands.Cluster;
using Cordouan.Cli.Commands.Consoles;
using Cordouan.Cli.Commands.Ha;
using Cordouan.Cli.Commands.Network;
using Cordouan.Cli.Commands.Nodes;
using Cordouan.Cli.Commands.Storage;
using Cordouan.Cli.Commands.Tasks;
using Cordouan.Cli.Commands.Vms;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Errors;

namespace Cordouan.Cli;

/// <summary><c>cord</c>: builds the command tree and runs one invocation, mapping failures to messages and exit codes.</summary>
public static class CordApp
{
    /// <summary>The full command tree of <c>cord</c>.</summary>
    public static RootCommand BuildRootCommand(CliHost host)
    {
        var root = new RootCommand("cord: command-line client of the Cordouan VM cluster manager");
        host.Globals.AddTo(root);
        root.Add(new LoginCommand(host));
        root.Add(new VersionCommand(host));
        root.Add(new ClusterCommand(host));
        root.Add(new NextIdCommand(host));
        root.Add(new NodeCommand(host));
        root.Add(new NetCommand(host));
        root.Add(new VmCommand(host));
        root.Add(new StorageCommand(host));
        root.Add(new HaCommand(host));
        root.Add(new CephCommand(host));
        root.Add(new TaskCommand(host));
        root.Add(new ConsoleCommand(host));
        return root;
    }

    /// <summary>Parses and runs; returns 0 on success, 1 on failures, 2 on usage errors.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var host = new CliHost(environment);
        var parseResult = BuildRootCommand(host).Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Error.WriteLineAsync($"cord: {error.Message}");
            }
            await environment.Error.WriteLineAsync("Run 'cord --help' (or '<command> --help') for usage.");
            return ExitCodes.Usage;
        }
        var invocation = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (CliUsageException ex)
        {
            await environment.Error.WriteLineAsync($"cord: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is CordouanApiException or CordouanConnectionException or CordouanClientException
            or TimeoutException or InvalidDataException or IOException or AuthenticationException or UnauthorizedAccessException or WebSocketException)
        {
            await environment.Error.WriteLineAsync($"cord: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await environment.Error.WriteLineAsync("cord: interrupted");
            return ExitCodes.Interrupted;
        }
    }
}
