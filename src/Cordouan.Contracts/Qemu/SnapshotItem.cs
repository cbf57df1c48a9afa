using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Qemu;

/// <summary>One item of <c>GET …/{vmid}/snapshot</c>; the list ends with the <c>current</c> pseudo-entry.</summary>
public sealed record SnapshotItem
{
    /// <summary>The name of the pseudo-entry for the running state.</summary>
    public const string CurrentName = "current";

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("snaptime")]
    public long? SnapTime { get; init; }

    [JsonPropertyName("vmstate")]
    public bool? VmState { get; init; }

    [JsonPropertyName("parent")]
    public string? Parent { get; init; }

    [JsonPropertyName("snapstate")]
    public string? SnapState { get; init; }

    [JsonPropertyName("running")]
    public bool? Running { get; init; }

    [JsonPropertyName("digest")]
    public string? Digest { get; init; }
}
