using Cordouan.Contracts.Nodes;

namespace Cordouan.Client.Requests;

public static partial class ApiRequests
{
    /// <summary><c>GET /nodes/{node}/network</c>.</summary>
    public static ApiRequest<IReadOnlyList<NetworkInterfaceItem>> NodeNetwork(string node) =>
        Get($"nodes/{Segment(node)}/network", Json.IReadOnlyListNetworkInterfaceItem);

    /// <summary><c>POST /nodes/{node}/network</c>: stages a new interface.</summary>
    public static ApiRequest<System.Text.Json.JsonElement> CreateNetworkInterface(string node, string iface, NetworkInterfaceOptions options) =>
        Post($"nodes/{Segment(node)}/network", Json.JsonElement, options.ToParameters().Add("iface", iface));

    /// <summary><c>PUT /nodes/{node}/network/{iface}</c>: stages a change.</summary>
    public static ApiRequest<System.Text.Json.JsonElement> UpdateNetworkInterface(string node, string iface, NetworkInterfaceOptions options) =>
        Put($"nodes/{Segment(node)}/network/{Segment(iface)}", Json.JsonElement, options.ToParameters());

    /// <summary><c>DELETE /nodes/{node}/network/{iface}</c>: stages a removal.</summary>
    public static ApiRequest<System.Text.Json.JsonElement> DeleteNetworkInterface(string node, string iface) =>
        Delete($"nodes/{Segment(node)}/network/{Segment(iface)}", Json.JsonElement);

    /// <summary><c>PUT /nodes/{node}/network</c> → UPID of the <c>srvreload</c> task applying the staged changes.</summary>
    public static ApiRequest<string> ApplyNetwork(string node, bool force = false) =>
        Put($"nodes/{Segment(node)}/network", Json.String, new RequestParameters().Add("force", force ? true : null));

    /// <summary><c>DELETE /nodes/{node}/network</c>: drops the staged changes.</summary>
    public static ApiRequest<System.Text.Json.JsonElement> RevertNetwork(string node) =>
        Delete($"nodes/{Segment(node)}/network", Json.JsonElement);

    /// <summary>Extension <c>GET /nodes/{node}/network/{iface}/leases</c>: a NAT bridge's DHCP leases.</summary>
    public static ApiRequest<IReadOnlyList<NetworkLeaseItem>> NetworkLeases(string node, string iface) =>
        Get($"nodes/{Segment(node)}/network/{Segment(iface)}/leases", Json.IReadOnlyListNetworkLeaseItem);
}
