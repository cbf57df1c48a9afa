using System.Text.Json.Serialization;

namespace Cordouan.Storage.Images;

/// <summary>The fields of <c>qemu-img info --output=json</c> that storage needs.</summary>
public sealed record QemuImgInfo
{
    [JsonPropertyName("format")]
    public string Format { get; init; } = "";

    [JsonPropertyName("virtual-size")]
    public long VirtualSize { get; init; }

    /// <summary>Bytes allocated on the host; absent for some protocols.</summary>
    [JsonPropertyName("actual-size")]
    public long? ActualSize { get; init; }

    /// <summary>The backing file as resolved by QEMU (absolute), for overlays.</summary>
    [JsonPropertyName("full-backing-filename")]
    public string? FullBackingFilename { get; init; }

    [JsonPropertyName("backing-filename-format")]
    public string? BackingFilenameFormat { get; init; }

    /// <summary>Internal snapshots; null when the image has none (qemu-img omits the field).</summary>
    [JsonPropertyName("snapshots")]
    public IReadOnlyList<QemuImgSnapshot>? Snapshots { get; init; }

    public bool HasSnapshot(string name) => Snapshots?.Any(s => s.Name == name) == true;
}
