using System.Text.Json.Serialization;

namespace Cordouan.Storage.Images;

/// <summary>One internal snapshot listed by <c>qemu-img info</c>.</summary>
public sealed record QemuImgSnapshot
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("date-sec")]
    public long DateSeconds { get; init; }
}
