using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ceph;

/// <summary><c>pgmap</c> summary: placement groups by state and raw usage.</summary>
public sealed record CephPgMapSummary
{
    [JsonPropertyName("num_pgs")]
    public int? NumPgs { get; init; }

    [JsonPropertyName("num_pools")]
    public int? NumPools { get; init; }

    [JsonPropertyName("pgs_by_state")]
    public IReadOnlyList<CephPgStateCount>? PgsByState { get; init; }

    [JsonPropertyName("bytes_used")]
    public long? BytesUsed { get; init; }

    [JsonPropertyName("bytes_total")]
    public long? BytesTotal { get; init; }

    [JsonPropertyName("data_bytes")]
    public long? DataBytes { get; init; }
}
