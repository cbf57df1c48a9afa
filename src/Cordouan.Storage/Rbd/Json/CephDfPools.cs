using System.Text.Json.Serialization;

namespace Cordouan.Storage.Rbd.Json;

/// <summary>The per-pool part of <c>ceph df --format json</c>, the source of an rbd storage's capacity.</summary>
public sealed record CephDfPools
{
    [JsonPropertyName("pools")]
    public IReadOnlyList<CephDfPool> Pools { get; init; } = [];
}

public sealed record CephDfPool
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("stats")]
    public CephDfPoolStats Stats { get; init; } = new();
}

public sealed record CephDfPoolStats
{
    /// <summary>Bytes stored by clients (before replication): what the pool's users see as used.</summary>
    [JsonPropertyName("stored")]
    public long Stored { get; init; }

    /// <summary>Bytes clients may still write, given replication and the fullest OSD.</summary>
    [JsonPropertyName("max_avail")]
    public long MaxAvail { get; init; }
}
