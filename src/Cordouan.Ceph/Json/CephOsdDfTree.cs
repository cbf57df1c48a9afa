using System.Text.Json.Serialization;

namespace Cordouan.Ceph.Json;

/// <summary><c>ceph osd df tree --format json</c>: CRUSH buckets and OSDs with usage.</summary>
internal sealed record CephOsdDfTree
{
    [JsonPropertyName("nodes")]
    public IReadOnlyList<CephOsdTreeNode> Nodes { get; init; } = [];
}

internal sealed record CephOsdTreeNode
{
    [JsonPropertyName("id")]
    public int Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    [JsonPropertyName("children")]
    public IReadOnlyList<int> Children { get; init; } = [];

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("reweight")]
    public double Reweight { get; init; }

    [JsonPropertyName("crush_weight")]
    public double CrushWeight { get; init; }

    [JsonPropertyName("device_class")]
    public string? DeviceClass { get; init; }

    [JsonPropertyName("kb")]
    public long Kb { get; init; }

    [JsonPropertyName("kb_used")]
    public long KbUsed { get; init; }
}
