using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Nodes;

/// <summary>Extension: <c>GET /nodes/{node}/maintenance</c>, the node's maintenance flag and the VMs still on it.</summary>
public sealed record NodeMaintenance
{
    [JsonPropertyName("maintenance")]
    public required bool Maintenance { get; init; }

    [JsonPropertyName("vms")]
    public IReadOnlyList<NodeMaintenanceVm> Vms { get; init; } = [];
}
