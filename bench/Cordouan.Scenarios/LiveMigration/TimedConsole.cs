using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Cordouan.Testing;

namespace Cordouan.Scenarios.LiveMigration;

/// <summary>
/// A VM's serial console read in the background, each line stamped (<see cref="Stopwatch"/> ticks) when it arrived,
/// so heartbeat gaps can be measured across a migration. <see cref="SerialConsole"/> keeps no arrival times.
/// </summary>
public sealed class TimedConsole : IAsyncDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(20);
    private readonly Socket _socket;
    private readonly Lock _lock = new();
    private readonly List<TimedLine> _lines = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reader = Task.CompletedTask;

    private TimedConsole(Socket socket, string socketPath)
    {
        _socket = socket;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    /// <summary>Every line received so far.</summary>
    public IReadOnlyList<TimedLine> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Connects, retrying every 20 ms (the socket of a migration target appears late) until <paramref name="timeout"/>.</summary>
    public static async Task<TimedConsole> ConnectAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                var console = new TimedConsole(socket, socketPath);
                console._reader = console.ReadLoopAsync();
                return console;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                if (Stopwatch.GetElapsedTime(start) > timeout)
                {
                    throw new TimeoutException($"serial console {socketPath} did not accept a connection within {timeout.TotalSeconds:0} s: {e.Message}");
                }
            }
            await Task.Delay(RetryInterval, cancellationToken);
        }
    }

    /// <summary>The first line (received at any time) matching <paramref name="match"/>; <paramref name="expected"/> names it in the timeout message.</summary>
    public async Task<TimedLine> WaitForLineAsync(string expected, Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_lines.FirstOrDefault(l => match(l.Text)) is { } found)
                {
                    return found;
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var tail = string.Join(" | ", Lines.TakeLast(5).Select(l => l.Text));
                throw new TimeoutException($"serial console {SocketPath}: no {expected} within {timeout.TotalSeconds:0} s; last lines: {tail}");
            }
        }
    }

    /// <summary>Waits for a heartbeat <c>HB n</c> with n &gt; <paramref name="greaterThan"/>.</summary>
    public Task<TimedLine> WaitForHeartbeatAsync(int greaterThan, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForLineAsync($"heartbeat after HB {greaterThan}", l => SerialConsole.ParseHeartbeat(l) > greaterThan, timeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _reader;
        _stop.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        try
        {
            await using var stream = new NetworkStream(_socket, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(_stop.Token) is { } raw)
            {
                lock (_lock)
                {
                    _lines.Add(new TimedLine(Stopwatch.GetTimestamp(), raw.TrimEnd('\r')));
                    _changed.TrySetResult();
                    _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // Closed by QEMU (the VM left this side) or by DisposeAsync.
        }
    }
}
