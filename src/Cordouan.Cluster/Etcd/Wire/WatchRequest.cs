using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>Body of POST /v3/watch.</summary>
internal sealed record WatchRequest
{
    [JsonPropertyName("create_request")]
    public required WatchCreateRequest CreateRequest { get; init; }
}
