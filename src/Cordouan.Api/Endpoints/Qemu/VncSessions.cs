using System.Collections.Concurrent;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>
/// The console sessions of this node, by port. Proxmox hands out a TCP port per session (5900 and up); we relay straight
/// to the VM's unix socket, so the port is only the session's number, unique among live sessions.
/// </summary>
public sealed class VncSessions
{
    private const int FirstPort = 5900;
    private const int PortCount = 100;
    private readonly ConcurrentDictionary<int, VncSession> _sessions = new();
    private int _next = -1;

    /// <summary>Registers a session on a free port; null when all <see cref="PortCount"/> are in use.</summary>
    public VncSession? TryAdd(Func<int, VncSession> create)
    {
        for (var attempt = 0; attempt < PortCount; attempt++)
        {
            var port = FirstPort + (int)((uint)Interlocked.Increment(ref _next) % PortCount);
            var session = create(port);
            if (_sessions.TryAdd(port, session))
            {
                return session;
            }
        }
        return null;
    }

    public VncSession? Find(int port) => _sessions.TryGetValue(port, out var session) ? session : null;

    public void Remove(VncSession session)
    {
        _sessions.TryRemove(new KeyValuePair<int, VncSession>(session.Port, session));
    }
}
