using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ceph;

/// <summary><c>monmap</c> summary.</summary>
public sealed record CephMonMapSummary
{
    [JsonPropertyName("num_mons")]
    public int? NumMons { get; init; }
}
