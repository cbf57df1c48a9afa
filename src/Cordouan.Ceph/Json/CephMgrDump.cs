using System.Text.Json.Serialization;

namespace Cordouan.Ceph.Json;

/// <summary><c>ceph mgr dump --format json</c> (the fields we read; the module lists are skipped).</summary>
internal sealed record CephMgrDump
{
    [JsonPropertyName("active_name")]
    public string? ActiveName { get; init; }

    [JsonPropertyName("active_addr")]
    public string? ActiveAddr { get; init; }

    [JsonPropertyName("available")]
    public bool Available { get; init; }

    [JsonPropertyName("standbys")]
    public IReadOnlyList<CephMgrStandby> Standbys { get; init; } = [];
}

internal sealed record CephMgrStandby
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";
}
