using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ceph;

/// <summary>How many PGs are in one state (<c>active+clean</c>, …).</summary>
public sealed record CephPgStateCount
{
    [JsonPropertyName("state_name")]
    public string? StateName { get; init; }

    [JsonPropertyName("count")]
    public int? Count { get; init; }
}
