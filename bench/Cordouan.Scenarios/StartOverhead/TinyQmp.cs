using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Cordouan.Scenarios.StartOverhead;

/// <summary>
/// The least QMP a supervisor needs, for the bare-QEMU baseline: read the greeting, negotiate capabilities,
/// run a command and wait for its <c>return</c>. Events read in between are kept with QEMU's timestamp (see
/// <see cref="Events"/>). Deliberately independent of Cordouan.Qemu.
/// </summary>
public sealed class TinyQmp : IAsyncDisposable
{
    private readonly List<QmpEvent> _events = [];
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private TinyQmp(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    /// <summary>Connects to the monitor socket (QEMU created it before daemonizing) and leaves capabilities negotiation.</summary>
    public static async Task<TinyQmp> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        TinyQmp? qmp = null;
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            qmp = new TinyQmp(socket);
            var greeting = await qmp.ReadMessageAsync(cancellationToken);
            if (greeting["QMP"] is null)
            {
                throw new InvalidOperationException($"not a QMP greeting: {greeting.ToJsonString()}");
            }
            await qmp.ExecuteAsync("qmp_capabilities", cancellationToken);
            return qmp;
        }
        catch
        {
            if (qmp is null)
            {
                socket.Dispose();
            }
            else
            {
                await qmp.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>Events received so far (only while a command was waiting for its reply), oldest first.</summary>
    public IReadOnlyList<QmpEvent> Events => _events;

    /// <summary>Sends <c>{"execute": command}</c> and waits for its return; throws on an error reply.</summary>
    public Task ExecuteAsync(string command, CancellationToken cancellationToken) => ExecuteAsync(command, null, cancellationToken);

    /// <summary>Sends <c>{"execute": command, "arguments": …}</c> and returns its <c>return</c> value; throws on an error reply.</summary>
    public async Task<JsonNode> ExecuteAsync(string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["execute"] = command };
        if (arguments is not null)
        {
            message["arguments"] = arguments;
        }
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(message.ToJsonString() + "\n"), cancellationToken);
        while (true)
        {
            var reply = await ReadMessageAsync(cancellationToken);
            if (reply["return"] is { } value)
            {
                return value;
            }
            if (reply["error"] is { } error)
            {
                throw new InvalidOperationException($"QMP {command} failed: {error.ToJsonString()}");
            }
            if (reply["event"] is { } name && reply["timestamp"] is { } stamp)
            {
                var at = DateTimeOffset.UnixEpoch.AddSeconds(stamp["seconds"]!.GetValue<long>()).AddMicroseconds(stamp["microseconds"]!.GetValue<long>());
                _events.Add(new QmpEvent(name.GetValue<string>(), at));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _socket.Dispose();
    }

    private async Task<JsonNode> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new IOException("QMP socket closed");
        return JsonNode.Parse(line) ?? throw new InvalidOperationException($"empty QMP message: {line}");
    }
}
