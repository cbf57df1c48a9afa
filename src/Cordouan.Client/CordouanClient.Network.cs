using Cordouan.Client.Requests;
using Cordouan.Contracts.Nodes;

namespace Cordouan.Client;

public sealed partial class CordouanClient
{
    /// <summary><c>GET /nodes/{node}/network</c>.</summary>
    public Task<IReadOnlyList<NetworkInterfaceItem>> ListNetworkAsync(string node, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.NodeNetwork(node), cancellationToken);

    /// <summary><c>POST /nodes/{node}/network</c> (staged).</summary>
    public Task CreateNetworkInterfaceAsync(string node, string iface, NetworkInterfaceOptions options, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.CreateNetworkInterface(node, iface, options), cancellationToken);

    /// <summary><c>PUT /nodes/{node}/network/{iface}</c> (staged).</summary>
    public Task UpdateNetworkInterfaceAsync(string node, string iface, NetworkInterfaceOptions options, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.UpdateNetworkInterface(node, iface, options), cancellationToken);

    /// <summary><c>DELETE /nodes/{node}/network/{iface}</c> (staged).</summary>
    public Task DeleteNetworkInterfaceAsync(string node, string iface, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.DeleteNetworkInterface(node, iface), cancellationToken);

    /// <summary><c>PUT /nodes/{node}/network</c> → UPID.</summary>
    public Task<string> ApplyNetworkAsync(string node, bool force, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.ApplyNetwork(node, force), cancellationToken);

    /// <summary><c>DELETE /nodes/{node}/network</c>.</summary>
    public Task RevertNetworkAsync(string node, CancellationToken cancellationToken) =>
        SendAsync(ApiRequests.RevertNetwork(node), cancellationToken);
}
