using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Cluster;

/// <summary>Answer of <c>GET /version</c>: a PVE-like version plus any server-specific extra keys.</summary>
public sealed record VersionInfo
{
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("release")]
    public string? Release { get; init; }

    [JsonPropertyName("repoid")]
    public string? RepoId { get; init; }

    /// <summary>Keys beyond PVE's (for example Cordouan's own version); settable because STJ fills extension data after construction.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
