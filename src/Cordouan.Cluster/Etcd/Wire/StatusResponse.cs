using System.Text.Json.Serialization;

namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>Answer to /v3/maintenance/status (camelCase field names, as in etcd's proto).</summary>
internal sealed record StatusResponse
{
    [JsonPropertyName("header")]
    public ResponseHeader? Header { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("dbSize")]
    public long DbSize { get; init; }

    [JsonPropertyName("leader")]
    public ulong Leader { get; init; }

    [JsonPropertyName("raftTerm")]
    public long RaftTerm { get; init; }
}
