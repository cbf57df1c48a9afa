using Cordouan.Contracts.Nodes;

namespace Cordouan.Client.Requests;

public static partial class ApiRequests
{
    /// <summary><c>GET /nodes/{node}/maintenance</c> (extension).</summary>
    public static ApiRequest<NodeMaintenance> NodeMaintenance(string node) =>
        Get($"nodes/{Segment(node)}/maintenance", Json.NodeMaintenance);

    /// <summary><c>POST /nodes/{node}/maintenance</c> (extension) → UPID of the <c>nodemaint</c> task; <paramref name="evacuate"/> false keeps the VMs there.</summary>
    public static ApiRequest<string> EnterMaintenance(string node, bool evacuate = true) =>
        Post($"nodes/{Segment(node)}/maintenance", Json.String, new RequestParameters().Add("evacuate", evacuate ? null : false));

    /// <summary><c>DELETE /nodes/{node}/maintenance</c> (extension).</summary>
    public static ApiRequest<System.Text.Json.JsonElement> ExitMaintenance(string node) =>
        Delete($"nodes/{Segment(node)}/maintenance", Json.JsonElement);

    /// <summary><c>PUT /nodes/{node}/config</c> with the traffic-network extensions (kind → CIDR or address) and the kinds to clear.</summary>
    public static ApiRequest<System.Text.Json.JsonElement> SetTrafficNetworks(string node, IReadOnlyDictionary<string, string> networks, IReadOnlyList<string> delete)
    {
        var parameters = new RequestParameters();
        foreach (var (kind, value) in networks)
        {
            parameters.Add($"cordouan-net-{kind}", value);
        }
        parameters.Add("delete", delete.Count == 0 ? null : string.Join(',', delete));
        return Put($"nodes/{Segment(node)}/config", Json.JsonElement, parameters);
    }
}
