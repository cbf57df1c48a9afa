using Cordouan.Core.Ids;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>
/// One console session handed out by <c>vncproxy</c>/<c>termproxy</c>: its port (the session's number, as Proxmox's clients
/// expect one), who may open it, and two signals its <c>vncproxy</c> task waits on.
/// </summary>
public sealed class VncSession(int port, VmId vmId, string user, string socketPath)
{
    private int _claimed;

    public int Port { get; } = port;
    public VmId VmId { get; } = vmId;
    public string User { get; } = user;

    /// <summary>The unix socket the websocket is relayed to (VNC or serial).</summary>
    public string SocketPath { get; } = socketPath;

    /// <summary>Set when the websocket opened; the task fails if it is not set within the ticket's lifetime.</summary>
    public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the websocket closed; the task then ends OK.</summary>
    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled when the task is stopped (abort, daemon stop): cuts the relay. Not disposed: a relay may still hold its token.</summary>
    public CancellationTokenSource Stop { get; } = new();

    /// <summary>A session serves one websocket: the first caller wins, later ones are refused.</summary>
    public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;
}
