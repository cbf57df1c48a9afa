using System.Text.Json.Serialization;

namespace Cordouan.Storage.Rbd.Json;

/// <summary>One row of <c>rbd snap ls --format json POOL/IMAGE</c>.</summary>
public sealed record RbdSnapshot
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("size")]
    public long Size { get; init; }

    /// <summary>Ceph prints it as the string "true" or "false".</summary>
    [JsonPropertyName("protected")]
    public string Protected { get; init; } = "false";

    public bool IsProtected => Protected == "true";
}
