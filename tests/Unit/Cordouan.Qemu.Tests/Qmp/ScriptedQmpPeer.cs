using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Cordouan.Testing;

namespace Cordouan.Qemu.Tests.Qmp;

/// <summary>Plays QEMU's side of QMP on a unix socket, one scripted line at a time.</summary>
internal sealed class ScriptedQmpPeer : IAsyncDisposable
{
    public const string Greeting =
        """{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": "Debian 1:7.2+dfsg-7"}, "capabilities": ["oob"]}}""";

    private readonly TempDirectory _directory = new("cordouan-qmp");
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private Socket? _client;
    private StreamReader? _reader;
    private NetworkStream? _stream;

    public ScriptedQmpPeer()
    {
        SocketPath = _directory.Combine("qmp.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(1);
    }

    public string SocketPath { get; }

    public async Task AcceptAsync(CancellationToken cancellationToken)
    {
        _client = await _listener.AcceptAsync(cancellationToken);
        _stream = new NetworkStream(_client, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public async Task SendAsync(string line, CancellationToken cancellationToken)
    {
        await _stream!.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken);
    }

    /// <summary>Reads the client's next command; returns its name, id and arguments (or an empty object).</summary>
    public async Task<(string Execute, long Id, JsonElement Arguments)> ReceiveAsync(CancellationToken cancellationToken)
    {
        var line = await _reader!.ReadLineAsync(cancellationToken) ?? throw new IOException("client closed the connection");
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var arguments = root.TryGetProperty("arguments", out var a) ? a.Clone() : JsonDocument.Parse("{}").RootElement.Clone();
        return (root.GetProperty("execute").GetString()!, root.GetProperty("id").GetInt64(), arguments);
    }

    /// <summary>Greets, expects <c>qmp_capabilities</c> and acknowledges it.</summary>
    public async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        await AcceptAsync(cancellationToken);
        await SendAsync(Greeting, cancellationToken);
        var (execute, id, _) = await ReceiveAsync(cancellationToken);
        if (execute != "qmp_capabilities")
        {
            throw new InvalidOperationException($"expected qmp_capabilities, got {execute}");
        }
        await ReplyAsync(id, "{}", cancellationToken);
    }

    public Task ReplyAsync(long id, string returnJson, CancellationToken cancellationToken) =>
        SendAsync($$"""{"return": {{returnJson}}, "id": {{id}}}""", cancellationToken);

    public Task ReplyErrorAsync(long id, string errorClass, string description, CancellationToken cancellationToken) =>
        SendAsync($$"""{"error": {"class": "{{errorClass}}", "desc": "{{description}}"}, "id": {{id}}}""", cancellationToken);

    /// <summary>Closes the client connection, as QEMU does when it exits.</summary>
    public async Task HangUpAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await HangUpAsync();
        _reader?.Dispose();
        _listener.Dispose();
        _directory.Dispose();
    }
}
