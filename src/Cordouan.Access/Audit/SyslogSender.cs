using System.Net.Sockets;
using System.Text;

namespace Cordouan.Access.Audit;

/// <summary>
/// Sends records to the local syslog socket (<see cref="AccessOptions.SyslogSocket"/>, <c>/dev/log</c> by default) as
/// datagrams, as syslog(3) does. Never blocks: a missing socket, a full queue or nobody listening drops the record and
/// reports why (the caller also logs the same event through <c>ILogger</c>).
/// </summary>
public sealed class SyslogSender(AccessOptions options) : IDisposable
{
    private readonly Lazy<Socket> _socket = new(() => new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false });

    /// <summary>True when sent; otherwise <paramref name="error"/> says why it was dropped.</summary>
    public bool TrySend(string record, out string? error)
    {
        error = null;
        var path = options.SyslogSocket;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            error = $"no syslog socket at '{path}'";
            return false;
        }
        try
        {
            _socket.Value.SendTo(Encoding.UTF8.GetBytes(record), new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException e)
        {
            error = $"syslog socket '{path}': {e.Message}";
            return false;
        }
    }

    public void Dispose()
    {
        if (_socket.IsValueCreated)
        {
            _socket.Value.Dispose();
        }
    }
}
