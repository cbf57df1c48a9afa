using System.Text.Json.Serialization;

namespace Cordouan.Storage.Rbd.Json;

/// <summary>One row of <c>ceph osd blocklist ls --format json</c>: a fenced client address and when the entry expires.</summary>
public sealed record CephBlocklistEntry
{
    [JsonPropertyName("addr")]
    public string Address { get; init; } = "";

    [JsonPropertyName("until")]
    public string Until { get; init; } = "";
}
