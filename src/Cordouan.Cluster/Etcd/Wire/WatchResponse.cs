using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>One watch message: created, events, a progress notification (no events), or canceled (maybe compacted).</summary>
internal sealed record WatchResponse
{
    [JsonPropertyName("header")]
    public ResponseHeader? Header { get; init; }

    [JsonPropertyName("created")]
    public bool Created { get; init; }

    [JsonPropertyName("canceled")]
    public bool Canceled { get; init; }

    [JsonPropertyName("compact_revision")]
    public long CompactRevision { get; init; }

    [JsonPropertyName("cancel_reason")]
    public string? CancelReason { get; init; }

    [JsonPropertyName("events")]
    public IReadOnlyList<WatchEventMessage>? Events { get; init; }
}
