using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ha;

/// <summary>One item of <c>GET /cluster/ha/status/current</c>: the quorum, the manager (<c>master</c>), each node's <c>lrm</c>, each <c>service</c>.</summary>
public sealed record HaStatusItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("node")]
    public string? Node { get; init; }

    /// <summary>Proxmox's one-line summary, e.g. <c>vm:100 (n1, started)</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>A service's state as the managers see it (<c>started</c>, <c>fence</c>, <c>recovery</c>…).</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
