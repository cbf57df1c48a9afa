using System.Globalization;
using Cordouan.Core.Errors;
using Cordouan.Core.Network;
using Cordouan.Platform.Processes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Network.Nat;

/// <summary>
/// One dnsmasq per NAT bridge, in the daemon's network namespace. A bridge's files live in
/// <c>&lt;data&gt;/network/dnsmasq/&lt;bridge&gt;/</c>: <c>argv</c> (the wanted command line, one argument a line; its
/// presence is what makes the dnsmasq wanted), <c>pid</c> and <c>leases</c>. dnsmasq daemonizes, so it outlives a
/// cordouand restart and is adopted through its pid file; a wanted one found missing (at start, or every
/// <see cref="Tick"/>) is started again, at most once per <see cref="Tick"/>.
/// </summary>
public sealed partial class DnsmasqSupervisor(ProcessRunner runner, string root, TimeProvider time, ILogger<DnsmasqSupervisor> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);

    private string Directory(string bridge) => Path.Combine(root, bridge);

    /// <summary>Leases of <paramref name="bridge"/>'s dnsmasq; empty when it has none (or is not a NAT bridge).</summary>
    public async Task<IReadOnlyList<DhcpLease>> LeasesAsync(string bridge, CancellationToken cancellationToken)
    {
        try
        {
            return DhcpLeaseFile.Parse(await File.ReadAllTextAsync(Path.Combine(Directory(bridge), "leases"), cancellationToken));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>
    /// Makes <paramref name="bridge"/>'s dnsmasq run with its current settings: started when missing, restarted when
    /// it runs with another command line (range or address changed), left alone otherwise.
    /// </summary>
    public async Task EnsureAsync(NodeInterface bridge, Action<string> log, CancellationToken cancellationToken)
    {
        var directory = Directory(bridge.Iface);
        var argv = NatPlan.Dnsmasq(bridge, directory);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            await WriteAtomicallyAsync(Path.Combine(directory, "argv"), string.Join('\n', argv), cancellationToken);
            var pidFile = Path.Combine(directory, "pid");
            if (DnsmasqProcess.FindRunning(pidFile) is { } running)
            {
                if (running.Argv.SequenceEqual(argv))
                {
                    return;
                }
                log($"restarting dnsmasq of {bridge.Iface} (pid {running.Pid}): its settings changed");
                await TerminateAsync(running.Pid, pidFile, cancellationToken);
            }
            log(string.Join(' ', argv));
            await runner.RunCheckedAsync(argv, cancellationToken);
            LogStarted(logger, bridge.Iface);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether <paramref name="bridge"/>'s dnsmasq runs with its current settings (what <see cref="EnsureAsync"/> leaves alone).</summary>
    public bool IsRunning(NodeInterface bridge)
    {
        var directory = Directory(bridge.Iface);
        return DnsmasqProcess.FindRunning(Path.Combine(directory, "pid")) is { } running && running.Argv.SequenceEqual(NatPlan.Dnsmasq(bridge, directory));
    }

    /// <summary>Stops wanting <paramref name="bridge"/>'s dnsmasq, stops it and drops its files (leases included).</summary>
    public async Task RemoveAsync(string bridge, Action<string> log, CancellationToken cancellationToken)
    {
        var directory = Directory(bridge);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!System.IO.Directory.Exists(directory))
            {
                return;
            }
            File.Delete(Path.Combine(directory, "argv"));
            var pidFile = Path.Combine(directory, "pid");
            if (DnsmasqProcess.FindRunning(pidFile) is { } running)
            {
                log($"stopping dnsmasq of {bridge} (pid {running.Pid})");
                await TerminateAsync(running.Pid, pidFile, cancellationToken);
            }
            System.IO.Directory.Delete(directory, recursive: true);
            LogStopped(logger, bridge);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogCheckFailed(logger, e);
            }
            await Task.Delay(Tick, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(root))
        {
            return;
        }
        foreach (var directory in System.IO.Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var argvFile = Path.Combine(directory, "argv");
                // Removed while we waited for the gate: no longer wanted.
                if (!File.Exists(argvFile) || DnsmasqProcess.FindRunning(Path.Combine(directory, "pid")) is not null)
                {
                    continue;
                }
                var bridge = Path.GetFileName(directory);
                LogRestarting(logger, bridge);
                try
                {
                    await runner.RunCheckedAsync((await File.ReadAllTextAsync(argvFile, cancellationToken)).Split('\n'), cancellationToken);
                }
                catch (ExternalCommandException e)
                {
                    // The bridge may be gone or lack its address; the next tick tries again.
                    LogRestartFailed(logger, bridge, e);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>SIGTERM, then SIGKILL when it is still there after 10 s.</summary>
    private async Task TerminateAsync(int pid, string pidFile, CancellationToken cancellationToken)
    {
        var pidText = pid.ToString(CultureInfo.InvariantCulture);
        await runner.RunAsync(["kill", "-TERM", pidText], cancellationToken);
        var deadline = time.GetTimestamp() + (long)(10 * time.TimestampFrequency);
        while (DnsmasqProcess.FindRunning(pidFile) is not null)
        {
            if (time.GetTimestamp() > deadline)
            {
                await runner.RunAsync(["kill", "-KILL", pidText], cancellationToken);
                break;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
