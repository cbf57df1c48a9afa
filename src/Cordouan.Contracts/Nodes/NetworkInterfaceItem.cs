using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Nodes;

/// <summary>One interface of <c>GET /nodes/{node}/network</c> (spec §12).</summary>
public sealed record NetworkInterfaceItem
{
    [JsonPropertyName("iface")]
    public required string Iface { get; init; }

    /// <summary><c>bridge</c>, <c>eth</c>, <c>vlan</c>, <c>bond</c>…</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("active")]
    public bool Active { get; init; }

    [JsonPropertyName("autostart")]
    public bool Autostart { get; init; }

    [JsonPropertyName("cidr")]
    public string? Cidr { get; init; }

    [JsonPropertyName("gateway")]
    public string? Gateway { get; init; }

    [JsonPropertyName("bridge_ports")]
    public string? BridgePorts { get; init; }

    [JsonPropertyName("bridge_vlan_aware")]
    public bool? BridgeVlanAware { get; init; }

    [JsonPropertyName("mtu")]
    public int? Mtu { get; init; }

    [JsonPropertyName("comments")]
    public string? Comments { get; init; }

    /// <summary>Extension: a private NAT network (masquerade, DHCP and DNS on the bridge).</summary>
    [JsonPropertyName("cordouan-nat")]
    public bool? Nat { get; init; }

    [JsonPropertyName("cordouan-dhcp-range")]
    public string? DhcpRange { get; init; }

    /// <summary>Extension: the row comes from staged changes that are not applied yet.</summary>
    [JsonPropertyName("pending")]
    public bool? Pending { get; init; }
}
