using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ceph;

/// <summary><c>osdmap</c> summary: how many OSDs exist, are up, are in.</summary>
public sealed record CephOsdMapSummary
{
    [JsonPropertyName("num_osds")]
    public int? NumOsds { get; init; }

    [JsonPropertyName("num_up_osds")]
    public int? NumUpOsds { get; init; }

    [JsonPropertyName("num_in_osds")]
    public int? NumInOsds { get; init; }
}
