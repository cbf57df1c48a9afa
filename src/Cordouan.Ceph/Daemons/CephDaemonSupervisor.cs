using System.Globalization;
using Cordouan.Ceph.Config;
using Cordouan.Core.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Ceph.Daemons;

/// <summary>
/// Keeps this node's Ceph daemons running where no systemd does it. A daemon is wanted while its data dir holds
/// the <see cref="WantedMarker"/> file. Daemons daemonize themselves (own session, pidfile): they outlive a
/// cordouand restart, and a new cordouand re-adopts them through their pidfiles instead of starting them twice.
/// A daemon that exits is started again with exponential backoff (1 s … 60 s). Stopping cordouand stops only the
/// watching, never a daemon; <see cref="StopAsync(CephDaemon, CancellationToken)"/> (destroy) stops one.
/// </summary>
public sealed partial class CephDaemonSupervisor(CephTools tools, TimeProvider time, ILogger<CephDaemonSupervisor> logger) : BackgroundService, ICephDaemonRunner
{
    public const string WantedMarker = "cordouan-wanted";
    private static readonly string[] Types = ["mon", "mgr", "osd"];
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<CephDaemon, Watch> _watches = [];

    /// <summary>Daemons this node must keep running.</summary>
    public IReadOnlyList<CephDaemon> Wanted()
    {
        var wanted = new List<CephDaemon>();
        foreach (var type in Types)
        {
            var root = tools.Paths.DaemonRoot(type);
            if (!Directory.Exists(root))
            {
                continue;
            }
            foreach (var dir in Directory.EnumerateDirectories(root, "ceph-*").Order(StringComparer.Ordinal))
            {
                if (File.Exists(Path.Combine(dir, WantedMarker)))
                {
                    wanted.Add(new CephDaemon(type, Path.GetFileName(dir)["ceph-".Length..]));
                }
            }
        }
        return wanted;
    }

    /// <summary>Pid of the daemon when it runs (found through its pidfile), else null.</summary>
    public int? RunningPid(CephDaemon daemon) => DaemonProcess.FindRunning(tools.Paths.PidFile(daemon.Type, daemon.Id), daemon, tools.Paths.Conf);

    /// <summary>Marks the daemon wanted and starts it (returns once it has daemonized); throws when it fails to start.</summary>
    public async Task StartAsync(CephDaemon daemon, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(tools.Paths.DaemonData(daemon.Type, daemon.Id), WantedMarker), "", cancellationToken);
            if (RunningPid(daemon) is null)
            {
                await LaunchAsync(daemon, cancellationToken);
            }
            _watches[daemon] = new Watch { SeenRunningSince = time.GetTimestamp() };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops wanting the daemon and terminates it (SIGTERM, then SIGKILL after 30 s).</summary>
    public async Task StopAsync(CephDaemon daemon, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            File.Delete(Path.Combine(tools.Paths.DaemonData(daemon.Type, daemon.Id), WantedMarker));
            _watches.Remove(daemon);
            if (RunningPid(daemon) is not { } pid)
            {
                return;
            }
            var pidText = pid.ToString(CultureInfo.InvariantCulture);
            await tools.RunAsync(["kill", "-TERM", pidText], cancellationToken);
            var deadline = time.GetTimestamp() + (long)(30 * time.TimestampFrequency);
            while (RunningPid(daemon) is not null)
            {
                if (time.GetTimestamp() > deadline)
                {
                    await tools.RunAsync(["kill", "-KILL", pidText], cancellationToken);
                    break;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
            }
            LogStopped(logger, daemon.Name);
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
        foreach (var daemon in Wanted())
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                // Destroy may have removed the marker while we waited for the gate.
                if (File.Exists(Path.Combine(tools.Paths.DaemonData(daemon.Type, daemon.Id), WantedMarker)))
                {
                    await CheckAsync(daemon, cancellationToken);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private async Task CheckAsync(CephDaemon daemon, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        var known = _watches.TryGetValue(daemon, out var watch);
        watch ??= new Watch();
        _watches[daemon] = watch;
        if (RunningPid(daemon) is { } pid)
        {
            if (!known)
            {
                LogAdopted(logger, daemon.Name, pid);
            }
            watch.SeenRunningSince ??= now;
            if (time.GetElapsedTime(watch.SeenRunningSince.Value, now) > MaxBackoff)
            {
                watch.Failures = 0;
            }
            return;
        }
        watch.SeenRunningSince = null;
        if (now < watch.NextAttempt)
        {
            return;
        }
        watch.Failures++;
        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, watch.Failures - 1)));
        watch.NextAttempt = now + (long)(backoff.TotalSeconds * time.TimestampFrequency);
        LogRestarting(logger, daemon.Name, watch.Failures);
        try
        {
            await LaunchAsync(daemon, cancellationToken);
        }
        catch (ExternalCommandException e)
        {
            LogRestartFailed(logger, daemon.Name, backoff.TotalSeconds, e);
        }
    }

    private async Task LaunchAsync(CephDaemon daemon, CancellationToken cancellationToken) =>
        await tools.RunCheckedAsync([tools.Binary(daemon.Program), "--cluster", "ceph", "-c", tools.Paths.Conf, "-i", daemon.Id], cancellationToken);

    private sealed class Watch
    {
        public int Failures { get; set; }
        public long NextAttempt { get; set; }
        public long? SeenRunningSince { get; set; }
    }
}
