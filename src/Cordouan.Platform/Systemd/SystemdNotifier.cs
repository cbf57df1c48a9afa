using System.Net.Sockets;

namespace Cordouan.Platform.Systemd;

/// <summary>
/// Tells the service manager about this process (sd_notify): a datagram to the socket systemd names in
/// <c>$NOTIFY_SOCKET</c> for a <c>Type=notify</c> service. Without that variable every call does nothing.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly string? _address;
    private readonly Lock _gate = new();
    private Socket? _socket;

    public SystemdNotifier(string? notifySocket) => _address = NotifyMessage.SocketAddress(notifySocket);

    /// <summary>True when a service manager listens.</summary>
    public bool Enabled => _address is not null;

    /// <summary>
    /// The notifier for <c>$NOTIFY_SOCKET</c>, which is then removed from this process's environment: the programs it
    /// starts (etcd, QEMU) are not the service's main process and must not report for it.
    /// </summary>
    public static SystemdNotifier FromEnvironment()
    {
        var notifier = new SystemdNotifier(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
        return notifier;
    }

    /// <summary>Sends one message; false when nobody listens or the send failed (the service manager went away).</summary>
    public bool Notify(params KeyValuePair<string, string>[] assignments)
    {
        if (_address is null)
        {
            return false;
        }
        var datagram = NotifyMessage.Encode(assignments);
        lock (_gate)
        {
            try
            {
                _socket ??= new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                return _socket.SendTo(datagram, new UnixDomainSocketEndPoint(_address)) == datagram.Length;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }

    public bool Ready(string status) => Notify(new("READY", "1"), new("STATUS", status));

    public bool Stopping(string status) => Notify(new("STOPPING", "1"), new("STATUS", status));

    public bool Reloading(string status) => Notify(new("RELOADING", "1"), new("STATUS", status));

    public void Dispose()
    {
        lock (_gate)
        {
            _socket?.Dispose();
            _socket = null;
        }
    }
}
