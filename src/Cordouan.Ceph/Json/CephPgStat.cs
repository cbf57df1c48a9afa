using System.Text.Json.Serialization;

namespace Cordouan.Ceph.Json;

/// <summary><c>ceph osd new</c> and friends answer a bare number; <c>ceph pg stat</c> gives PG counts by state.</summary>
internal sealed record CephPgStat
{
    [JsonPropertyName("num_pgs")]
    public int NumPgs { get; init; }

    [JsonPropertyName("num_pg_by_state")]
    public IReadOnlyList<CephPgStateCount> ByState { get; init; } = [];
}

internal sealed record CephPgStateCount
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("num")]
    public int Num { get; init; }
}
