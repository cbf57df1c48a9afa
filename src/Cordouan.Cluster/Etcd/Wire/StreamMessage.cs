using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>One message of a gateway stream (watch, keep-alive): a result, or an error that ends the stream.</summary>
internal sealed record StreamMessage<T>
    where T : class
{
    [JsonPropertyName("result")]
    public T? Result { get; init; }

    [JsonPropertyName("error")]
    public StreamError? Error { get; init; }
}
