using Cordouan.Daemon;
using Cordouan.Daemon.Configuration;
using Cordouan.Daemon.Membership;
using Microsoft.Extensions.Options;

// cordouand: one per node. Reads config (TOML file + command line), then runs the API, the node agent and,
// unless external etcd endpoints are given, a supervised local etcd member.
if (args is ["fence-guard", "--socket", var socket, "--log", var log, .. var rest] && rest is [] or ["--watchdog", _])
{
    // The HA fence guard: a separate, tiny process that outlives this daemon (see FenceGuardServer).
    using var stop = new CancellationTokenSource();
    // SIGTERM (a deliberate stop) disarms the watchdog; SIGKILL or a crash leaves it to reset the host.
    using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });
    using var guard = new Cordouan.Node.Ha.Guard.FenceGuardServer(socket, log, rest is [_, var watchdog] ? watchdog : null);
    return await guard.RunAsync(stop.Token);
}
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(ConfigurationLoader.Usage);
    return 0;
}
try
{
    var configuration = ConfigurationLoader.Load(args);
    var options = ConfigurationLoader.Bind(configuration);
    var validation = new DaemonOptionsValidator().Validate(null, options);
    if (validation.Failed)
    {
        await Console.Error.WriteLineAsync("cordouand: invalid configuration:\n  " + string.Join("\n  ", validation.Failures));
        return 2;
    }
    using var notifier = Cordouan.Platform.Systemd.SystemdNotifier.FromEnvironment();
    await HostLoop.RunAsync(options, new HostTransitions(), notifier);
    return 0;
}
catch (Cordouan.Core.Errors.ValidationException e)
{
    await Console.Error.WriteLineAsync("cordouand: " + string.Join("; ", e.Errors.Select(p => $"{p.Key}: {p.Value}")));
    return 1;
}
catch (Exception e) when (e is Cordouan.Core.Errors.CordouanException or IOException or ArgumentException or OptionsValidationException or UnauthorizedAccessException or InvalidDataException or TimeoutException)
{
    await Console.Error.WriteLineAsync($"cordouand: {e.Message}");
    return 1;
}
