using System.Diagnostics;
using Cordouan.Platform.Processes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Etcd;

/// <summary>
/// Runs and supervises the local etcd member as a child process. <see cref="StartAsync"/> returns once the member is
/// healthy (or throws <see cref="EtcdMemberException"/> saying what failed); a member of a multi-member cluster whose
/// peers are down is left running without quorum after StartTimeout instead; a crashed member is restarted with
/// backoff; <see cref="StopAsync"/> sends SIGTERM, then SIGKILL after <see cref="EtcdMemberOptions.StopTimeout"/>.
/// A member left running by a previous cordouand that was SIGKILLed is found through the pidfile and stopped first.
/// </summary>
public sealed partial class EtcdMember : IHostedService, IAsyncDisposable
{
    private readonly EtcdMemberOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EtcdMember> _logger;
    private readonly ProcessRunner _runner = new();
    private readonly EtcdHealthProbe _probe;
    private readonly EtcdPidFile _pidFile;
    private readonly OutputTail _output = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _supervisor = Task.CompletedTask;
    private Process? _process;
    private long _startedAt;
    private long _logOffset;
    private int _restarts;
    private int _stopped;
    private bool _started;

    public EtcdMember(EtcdMemberOptions options, TimeProvider timeProvider, ILogger<EtcdMember> logger)
    {
        var errors = EtcdMemberOptionsValidator.Check(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid etcd member options: " + string.Join("; ", errors), nameof(options));
        }
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _probe = new EtcdHealthProbe(options.PrimaryClientUrl, options.ClientTls, timeProvider);
        _pidFile = new EtcdPidFile(options.PidFilePath, options.DataDirectoryPath);
    }

    public EtcdMemberOptions Options => _options;

    /// <summary>Where clients reach this member.</summary>
    public string ClientUrl => _options.PrimaryClientUrl;

    /// <summary>Pid of the running etcd child, or null while none runs.</summary>
    public int? ProcessId => Volatile.Read(ref _process) is { HasExited: false } process ? process.Id : null;

    /// <summary>How many times the supervisor restarted a crashed member successfully.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>Asks the member's /health once (true when it has a leader and serves requests).</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => (await _probe.CheckAsync(cancellationToken)).Healthy;

    /// <summary>Starts the member and waits until it is healthy; then keeps it running until <see cref="StopAsync"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Log.Starting(_logger, _options.Name, _options.ClientUrl, _options.PeerUrl, _options.DataDirectoryPath);
        _started = true;
        PrepareDirectories();
        await StopLeftoverAsync(cancellationToken);
        await LaunchAsync(cancellationToken);
        _supervisor = SuperviseAsync(_stopping.Token);
    }

    /// <summary>Stops supervising and terminates the member (SIGTERM, then SIGKILL).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        await _supervisor;
        if (Volatile.Read(ref _process) is { } process)
        {
            Log.Stopping(_logger, _options.Name, process.Id);
            await TerminateAsync(process, cancellationToken);
            Volatile.Write(ref _process, null);
            process.Dispose();
        }
        _pidFile.Delete();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _probe.Dispose();
        _stopping.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        try
        {
            while (true)
            {
                if (Volatile.Read(ref _process) is { } process)
                {
                    await process.WaitForExitAsync(cancellationToken);
                    var uptime = _timeProvider.GetElapsedTime(_startedAt);
                    Log.Exited(_logger, _options.Name, process.Id, process.ExitCode, uptime, Complaints(_logOffset));
                    Volatile.Write(ref _process, null);
                    process.Dispose();
                    if (uptime > _options.MaxRestartDelay * 2)
                    {
                        failures = 0;
                    }
                }
                var delay = TimeSpan.FromTicks(Math.Min(_options.RestartDelay.Ticks << Math.Min(failures, 16), _options.MaxRestartDelay.Ticks));
                failures++;
                Log.Restarting(_logger, _options.Name, delay, failures);
                await Task.Delay(delay, _timeProvider, cancellationToken);
                try
                {
                    await LaunchAsync(cancellationToken);
                    Interlocked.Increment(ref _restarts);
                }
                catch (EtcdMemberException e)
                {
                    Log.RestartFailed(_logger, _options.Name, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
