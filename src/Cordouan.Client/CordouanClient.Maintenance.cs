using Cordouan.Client.Requests;
using Cordouan.Contracts.Nodes;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary><c>GET /nodes/{node}/maintenance</c>: the flag and the VMs still on the node.</summary>
    public Task<NodeMaintenance> GetNodeMaintenanceAsync(string node, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.NodeMaintenance(node), cancellationToken);

    /// <summary><c>POST /nodes/{node}/maintenance</c> → UPID of the <c>nodemaint</c> task (flag, then evacuation).</summary>
    public Task<string> EnterMaintenanceAsync(string node, bool evacuate, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.EnterMaintenance(node, evacuate), cancellationToken);

    /// <summary><c>DELETE /nodes/{node}/maintenance</c>.</summary>
    public Task ExitMaintenanceAsync(string node, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.ExitMaintenance(node), cancellationToken);
}
