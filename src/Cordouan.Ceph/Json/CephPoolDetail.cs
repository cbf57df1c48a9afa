using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cordouan.Ceph.Json;

/// <summary>One item of <c>ceph osd pool ls detail --format json</c>.</summary>
internal sealed record CephPoolDetail
{
    [JsonPropertyName("pool_id")]
    public int PoolId { get; init; }

    [JsonPropertyName("pool_name")]
    public string PoolName { get; init; } = "";

    [JsonPropertyName("size")]
    public int Size { get; init; }

    [JsonPropertyName("min_size")]
    public int MinSize { get; init; }

    [JsonPropertyName("pg_num")]
    public int PgNum { get; init; }

    [JsonPropertyName("crush_rule")]
    public int CrushRule { get; init; }

    [JsonPropertyName("pg_autoscale_mode")]
    public string? PgAutoscaleMode { get; init; }

    [JsonPropertyName("application_metadata")]
    public IReadOnlyDictionary<string, JsonElement> ApplicationMetadata { get; init; } = new Dictionary<string, JsonElement>();
}
