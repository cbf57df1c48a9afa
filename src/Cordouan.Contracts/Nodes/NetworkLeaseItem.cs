using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Nodes;

/// <summary>Extension: one DHCP lease of <c>GET /nodes/{node}/network/{iface}/leases</c>.</summary>
public sealed record NetworkLeaseItem
{
    [JsonPropertyName("mac")]
    public required string Mac { get; init; }

    [JsonPropertyName("ip")]
    public required string Ip { get; init; }

    [JsonPropertyName("hostname")]
    public string? Hostname { get; init; }

    /// <summary>Unix time the lease ends; null for an infinite lease.</summary>
    [JsonPropertyName("expiry")]
    public long? Expiry { get; init; }

    /// <summary>The VM whose NIC has this MAC, if any.</summary>
    [JsonPropertyName("vmid")]
    public int? VmId { get; init; }
}
