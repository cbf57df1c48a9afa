using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ha;

/// <summary>One item of <c>GET /cluster/ha/groups</c> (and the object of <c>GET …/groups/{group}</c>).</summary>
public sealed record HaGroupItem
{
    [JsonPropertyName("group")]
    public required string Group { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Members with optional priorities, Proxmox's text: <c>n1:2,n2</c>.</summary>
    [JsonPropertyName("nodes")]
    public string? Nodes { get; init; }

    [JsonPropertyName("restricted")]
    public bool? Restricted { get; init; }

    [JsonPropertyName("nofailback")]
    public bool? NoFailback { get; init; }

    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    [JsonPropertyName("digest")]
    public string? Digest { get; init; }
}
