using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ceph;

/// <summary>One item of <c>GET /nodes/{node}/ceph/pool</c>.</summary>
public sealed record CephPoolItem
{
    [JsonPropertyName("pool")]
    public int? Pool { get; init; }

    [JsonPropertyName("pool_name")]
    public required string PoolName { get; init; }

    [JsonPropertyName("size")]
    public int? Size { get; init; }

    [JsonPropertyName("min_size")]
    public int? MinSize { get; init; }

    [JsonPropertyName("pg_num")]
    public int? PgNum { get; init; }

    [JsonPropertyName("pg_autoscale_mode")]
    public string? PgAutoscaleMode { get; init; }

    [JsonPropertyName("crush_rule_name")]
    public string? CrushRuleName { get; init; }

    [JsonPropertyName("bytes_used")]
    public long? BytesUsed { get; init; }

    [JsonPropertyName("percent_used")]
    public double? PercentUsed { get; init; }
}
