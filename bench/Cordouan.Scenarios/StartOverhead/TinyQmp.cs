using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Cordouan.Scenarios.StartOverhead;

/// <summary>
/// The least QMP a supervisor needs, for the bare-QEMU baseline: read the greeting, negotiate capabilities,
/// run a command and wait for its <c>return</c> (events in between are skipped). Deliberately independent of Cordouan.Qemu.
/// </summary>
public sealed class TinyQmp : IAsyncDisposable
{
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

    /// <summary>Sends <c>{"execute": command}</c> and waits for its return; throws on an error reply.</summary>
    public async Task ExecuteAsync(string command, CancellationToken cancellationToken)
    {
        var request = Encoding.UTF8.GetBytes(new JsonObject { ["execute"] = command }.ToJsonString() + "\n");
        await _stream.WriteAsync(request, cancellationToken);
        while (true)
        {
            var message = await ReadMessageAsync(cancellationToken);
            if (message["return"] is not null)
            {
                return;
            }
            if (message["error"] is { } error)
            {
                throw new InvalidOperationException($"QMP {command} failed: {error.ToJsonString()}");
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
