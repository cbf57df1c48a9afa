using System.Text.Json.Serialization;

namespace Cordouan.Ceph.Json;

/// <summary>One item of <c>ceph osd crush rule dump --format json</c>.</summary>
internal sealed record CephCrushRule
{
    [JsonPropertyName("rule_id")]
    public int RuleId { get; init; }

    [JsonPropertyName("rule_name")]
    public string RuleName { get; init; } = "";
}
