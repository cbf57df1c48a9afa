using System.Text.Json.Serialization;

namespace Cordouan.Ceph.Json;

/// <summary><c>ceph df --format json</c>: per-pool usage.</summary>
internal sealed record CephDf
{
    [JsonPropertyName("pools")]
    public IReadOnlyList<CephDfPool> Pools { get; init; } = [];
}

internal sealed record CephDfPool
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("stats")]
    public CephDfStats Stats { get; init; } = new();
}

internal sealed record CephDfStats
{
    [JsonPropertyName("bytes_used")]
    public long BytesUsed { get; init; }

    [JsonPropertyName("percent_used")]
    public double PercentUsed { get; init; }
}
