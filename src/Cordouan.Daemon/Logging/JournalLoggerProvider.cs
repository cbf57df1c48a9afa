using System.Net.Sockets;
using Cordouan.Platform.Systemd;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon.Logging;

/// <summary>
/// Logs straight to systemd's journal in its native protocol (datagrams to <c>/run/systemd/journal/socket</c>), so each
/// entry keeps its priority and its structured values as fields (<c>journalctl -u cordouand VMID=100</c>). An entry the
/// journal refuses goes to stderr, which the service's stream also carries to the journal.
/// </summary>
public sealed class JournalLoggerProvider : ILoggerProvider
{
    public const string SocketPath = "/run/systemd/journal/socket";

    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly UnixDomainSocketEndPoint _endpoint = new(SocketPath);

    public ILogger CreateLogger(string categoryName) => new JournalLogger(categoryName, this);

    internal void Send(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        try
        {
            _socket.SendTo(JournalEntry.Encode(fields), _endpoint);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            var message = fields.FirstOrDefault(f => f.Key == "MESSAGE").Value;
            Console.Error.WriteLine($"{message} (journal: {e.Message})");
        }
    }

    public void Dispose() => _socket.Dispose();
}
