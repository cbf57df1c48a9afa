using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Cordouan.Core.Ids;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Ha.Guard;

/// <summary>
/// The daemon's side of the fence guard (<see cref="FenceGuardServer"/>): starts it when first needed (or finds the
/// one a previous daemon left running), tells it which HA VM processes to kill if the lease deadline passes (or, for
/// storage-fenced VMs, if this daemon stops talking), and feeds it both deadlines. What it was told is replayed after a
/// reconnect, so a restarted guard knows it all again.
/// </summary>
public sealed partial class FenceGuardClient(FenceGuardOptions options, ILogger<FenceGuardClient> logger) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<VmId, GuardedVm> _armed = [];
    private long? _deadline;
    private long? _alive;
    private Socket? _socket;

    /// <summary>The VMs the guard kills at their deadline: exactly <paramref name="running"/>.</summary>
    public async Task SyncAsync(IReadOnlyDictionary<VmId, GuardedVm> running, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var gone in _armed.Keys.Where(id => !running.ContainsKey(id)).ToList())
            {
                _armed.Remove(gone);
                lines.Add($"disarm {gone.Value.ToString(CultureInfo.InvariantCulture)}");
            }
            foreach (var (id, vm) in running.Where(r => !_armed.TryGetValue(r.Key, out var known) || known != r.Value))
            {
                _armed[id] = vm;
                lines.Add(Arm(id, vm));
            }
            // Nothing is armed before a first deadline went out: a guard left by a crashed daemon still holds that
            // daemon's deadline, maybe already past, and would kill what it is told at once.
            if (_deadline is not null && (lines.Count > 0 || (_socket is null && _armed.Count > 0)))
            {
                await SendAsync(lines, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The lease is valid until <paramref name="leaseValidUntil"/> (null: lost, the last deadline stands) and this daemon
    /// vouches for its storage-fenced VMs until <paramref name="aliveUntil"/> (<see cref="Stopwatch"/> timestamps, CLOCK_MONOTONIC).
    /// </summary>
    public async Task FeedAsync(long? leaseValidUntil, long aliveUntil, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _deadline = leaseValidUntil ?? _deadline;
            _alive = aliveUntil;
            if (_deadline is { } deadline && (_armed.Count > 0 || _socket is not null))
            {
                await SendAsync([Deadline(deadline), Alive(aliveUntil)], cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A clean daemon stop: the guard forgets every VM (the cluster freezes them meanwhile).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _armed.Clear();
            if (_socket is not null)
            {
                await SendAsync(["release"], cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SendAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var fresh = _socket is null;
            _socket ??= await ConnectOrStartAsync(cancellationToken);
            // A new connection gets the whole picture first: the guard may be a new process.
            var payload = fresh ? [.. Replay(), .. lines] : lines;
            try
            {
                await _socket.SendAsync(Encoding.ASCII.GetBytes(string.Concat(payload.Select(l => l + "\n"))), SocketFlags.None, cancellationToken);
                return;
            }
            catch (SocketException e) when (attempt < 2)
            {
                LogGuardLost(logger, e.Message);
                _socket.Dispose();
                _socket = null;
            }
        }
    }

    private List<string> Replay()
    {
        var lines = _armed.Select(a => Arm(a.Key, a.Value)).ToList();
        if (_alive is { } alive)
        {
            lines.Insert(0, Alive(alive));
        }
        if (_deadline is { } deadline)
        {
            lines.Insert(0, Deadline(deadline));
        }
        return lines;
    }

    private async Task<Socket> ConnectOrStartAsync(CancellationToken cancellationToken)
    {
        if (await TryConnectAsync(cancellationToken) is { } existing)
        {
            return existing;
        }
        var info = new ProcessStartInfo(options.Executable)
        {
            UseShellExecute = false,
            // Not the daemon's pipes: the guard outlives it and must never block on them.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] watchdog = options.Watchdog is { } device ? ["--watchdog", device] : [];
        foreach (var argument in new[] { "fence-guard", "--socket", options.SocketPath, "--log", options.LogPath }.Concat(watchdog))
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new Core.Errors.CordouanException($"could not start the fence guard '{options.Executable}'");
        LogGuardStarted(logger, process.Id, options.SocketPath);
        var started = Stopwatch.StartNew();
        while (started.Elapsed < StartTimeout)
        {
            await Task.Delay(100, cancellationToken);
            if (await TryConnectAsync(cancellationToken) is { } socket)
            {
                return socket;
            }
        }
        throw new Core.Errors.CordouanException($"the fence guard did not listen on {options.SocketPath} within {StartTimeout.TotalSeconds:0} s (see {options.LogPath})");
    }

    private async Task<Socket?> TryConnectAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(options.SocketPath))
        {
            return null;
        }
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(options.SocketPath), cancellationToken);
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    private static string Arm(VmId id, GuardedVm vm) =>
        $"arm {id.Value.ToString(CultureInfo.InvariantCulture)} {vm.Pid.ToString(CultureInfo.InvariantCulture)}{(vm.StorageFenced ? " storage" : "")}";

    private static string Alive(long timestamp) => $"alive {timestamp.ToString(CultureInfo.InvariantCulture)}";

    private static string Deadline(long timestamp) => $"deadline {timestamp.ToString(CultureInfo.InvariantCulture)}";

    public void Dispose()
    {
        _socket?.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(EventId = 3540, Level = LogLevel.Information, Message = "HA: fence guard started (pid {Pid}) on {Socket}")]
    private static partial void LogGuardStarted(ILogger logger, int pid, string socket);

    [LoggerMessage(EventId = 3541, Level = LogLevel.Warning, Message = "HA: lost the connection to the fence guard ({Reason}): reconnecting")]
    private static partial void LogGuardLost(ILogger logger, string reason);
}
