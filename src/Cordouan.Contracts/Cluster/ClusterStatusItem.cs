using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Cluster;

/// <summary>One entry of <c>GET /cluster/status</c>: the cluster itself (<c>type=cluster</c>) or a node (<c>type=node</c>).</summary>
public sealed record ClusterStatusItem
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("nodes")]
    public int? Nodes { get; init; }

    [JsonPropertyName("version")]
    public long? Version { get; init; }

    [JsonPropertyName("quorate")]
    public bool? Quorate { get; init; }

    [JsonPropertyName("nodeid")]
    public int? NodeId { get; init; }

    [JsonPropertyName("ip")]
    public string? Ip { get; init; }

    /// <summary>True for the node that answered the request.</summary>
    [JsonPropertyName("local")]
    public bool? Local { get; init; }

    [JsonPropertyName("online")]
    public bool? Online { get; init; }

    [JsonPropertyName("level")]
    public string? Level { get; init; }
}
