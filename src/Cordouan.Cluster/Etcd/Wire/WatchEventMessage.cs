using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>mvccpb.Event: <see cref="Type"/> is "DELETE" or absent (PUT).</summary>
internal sealed record WatchEventMessage
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("kv")]
    public KeyValue? Kv { get; init; }
}
