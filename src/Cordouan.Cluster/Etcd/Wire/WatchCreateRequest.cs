using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>Creates a watch on [key, range_end) from <see cref="StartRevision"/> (0 = from now).</summary>
internal sealed record WatchCreateRequest
{
    [JsonPropertyName("key")]
    public required byte[] Key { get; init; }

    [JsonPropertyName("range_end")]
    public byte[]? RangeEnd { get; init; }

    [JsonPropertyName("start_revision")]
    public long StartRevision { get; init; }

    [JsonPropertyName("progress_notify")]
    public bool ProgressNotify { get; init; }
}
