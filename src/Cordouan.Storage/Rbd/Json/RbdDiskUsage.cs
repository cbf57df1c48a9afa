using System.Text.Json.Serialization;

namespace Cordouan.Storage.Rbd.Json;

/// <summary><c>rbd du --format json</c>: per image (and per snapshot, with <c>snapshot</c> set) provisioned and used bytes.</summary>
public sealed record RbdDiskUsage
{
    [JsonPropertyName("images")]
    public IReadOnlyList<RbdDiskUsageEntry> Images { get; init; } = [];

    /// <summary>Bytes the image head uses (its snapshots excluded), or null when <c>rbd du</c> did not list it.</summary>
    public long? UsedBy(string image) => Images.FirstOrDefault(i => i.Name == image && i.Snapshot is null)?.UsedSize;
}

public sealed record RbdDiskUsageEntry
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("snapshot")]
    public string? Snapshot { get; init; }

    [JsonPropertyName("provisioned_size")]
    public long ProvisionedSize { get; init; }

    [JsonPropertyName("used_size")]
    public long UsedSize { get; init; }
}
