using System.Text.Json.Serialization;

namespace Cordouan.Ceph.Json;

/// <summary><c>ceph mon dump --format json</c> (the fields we read).</summary>
internal sealed record CephMonDump
{
    [JsonPropertyName("fsid")]
    public string? Fsid { get; init; }

    [JsonPropertyName("mons")]
    public IReadOnlyList<CephMonDumpEntry> Mons { get; init; } = [];

    [JsonPropertyName("quorum")]
    public IReadOnlyList<int> Quorum { get; init; } = [];
}

internal sealed record CephMonDumpEntry
{
    [JsonPropertyName("rank")]
    public int Rank { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("public_addr")]
    public string? PublicAddr { get; init; }
}
