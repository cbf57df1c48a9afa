using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>The gateway's error inside a stream body.</summary>
internal sealed record StreamError
{
    [JsonPropertyName("grpc_code")]
    public int GrpcCode { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
