using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Cordouan.Testing;

/// <summary>
/// A VM's serial console (QEMU chardev <c>socket,server=on,wait=off</c>) read line by line in the background.
/// Keeps every line; waits match lines already received as well as new ones. The test guest prints
/// <c>GUEST-UP ...</c> once booted and <c>HB n</c> every 0.2 s. Output sent before we connect is lost.
/// </summary>
public sealed class SerialConsole : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = NewSignal();
    private Task _reader = Task.CompletedTask;
    private bool _closed;
    private int? _lastHeartbeat;

    private SerialConsole(Socket socket, string socketPath)
    {
        _socket = socket;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    /// <summary>The value of the last <c>HB n</c> line, or null before the first one.</summary>
    public int? LastHeartbeat
    {
        get
        {
            lock (_lock)
            {
                return _lastHeartbeat;
            }
        }
    }

    /// <summary>Number of lines received so far (a mark for <see cref="WaitForLineAsync(string, Func{string, bool}, int, TimeSpan, CancellationToken)"/>).</summary>
    public int LineCount
    {
        get
        {
            lock (_lock)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>Every line received so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Connects, retrying until the socket accepts or <paramref name="timeout"/> passes.</summary>
    public static async Task<SerialConsole> ConnectAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        SocketException? last = null;
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), deadline.Token);
                var console = new SerialConsole(socket, socketPath);
                console._reader = console.ReadLoopAsync();
                return console;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new TimeoutException($"Serial console {socketPath} did not accept a connection within {timeout}: {last?.Message}");
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Serial console {socketPath} did not accept a connection within {timeout}: {last?.Message}");
            }
        }
    }

    /// <summary>The first line (received at any time) matching <paramref name="match"/>.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForLineAsync("a matching line", match, 0, timeout, cancellationToken);

    /// <summary>The first line at index <paramref name="fromLine"/> or later matching <paramref name="match"/>; <paramref name="expected"/> describes it in the failure message.</summary>
    public async Task<string> WaitForLineAsync(
        string expected, Func<string, bool> match, int fromLine, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var next = fromLine;
        while (true)
        {
            Task changed;
            bool closed;
            lock (_lock)
            {
                for (; next < _lines.Count; next++)
                {
                    if (match(_lines[next]))
                    {
                        return _lines[next];
                    }
                }
                changed = _changed.Task;
                closed = _closed;
            }
            if (closed)
            {
                throw new TimeoutException(Failure($"serial console closed before {expected}", timeout));
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(Failure($"expected {expected}", timeout));
            }
        }
    }

    /// <summary>Types <paramref name="line"/> and a newline on the console (the test guest reads its network commands there).</summary>
    public async Task SendLineAsync(string line, CancellationToken cancellationToken)
    {
        await _socket.SendAsync(Encoding.ASCII.GetBytes(line + "\n"), SocketFlags.None, cancellationToken);
    }

    /// <summary>Waits for a heartbeat <c>HB n</c> with n &gt; <paramref name="greaterThan"/> and returns n.</summary>
    public async Task<int> WaitForHeartbeatAsync(int greaterThan, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var line = await WaitForLineAsync(
            $"a heartbeat greater than {greaterThan} (last heartbeat: {LastHeartbeat?.ToString(CultureInfo.InvariantCulture) ?? "none"})",
            l => ParseHeartbeat(l) > greaterThan, 0, timeout, cancellationToken);
        return ParseHeartbeat(line)!.Value;
    }

    /// <summary>n for a line <c>HB n</c>, else null.</summary>
    /// <summary>The disk counter the guest read at boot, from its <c>GUEST-UP … start=N …</c> line.</summary>
    public static int ParseStartCounter(string guestUpLine) =>
        int.Parse(guestUpLine.Split("start=")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    public static int? ParseHeartbeat(string line) =>
        line.StartsWith("HB ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(3).Trim(), CultureInfo.InvariantCulture, out var n) ? n : null;

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
                Append(raw.TrimEnd('\r'));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // Closed by QEMU (the VM exited) or by DisposeAsync.
        }
        lock (_lock)
        {
            _closed = true;
            _changed.TrySetResult();
        }
    }

    private void Append(string line)
    {
        lock (_lock)
        {
            _lines.Add(line);
            if (ParseHeartbeat(line) is { } n)
            {
                _lastHeartbeat = n;
            }
            _changed.TrySetResult();
            _changed = NewSignal();
        }
    }

    private string Failure(string what, TimeSpan timeout)
    {
        var lines = Lines;
        var tail = lines.Skip(Math.Max(0, lines.Count - 10)).Select(l => "  | " + l);
        return $"Serial console {SocketPath}: {what} within {timeout.TotalSeconds:0.#} s; {lines.Count} line(s) seen, the last ones:\n"
            + string.Join('\n', tail);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
