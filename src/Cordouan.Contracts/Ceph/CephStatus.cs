using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ceph;

/// <summary>The parts of <c>GET /nodes/{node}/ceph/status</c> (Ceph's own <c>ceph status</c> JSON) the CLI shows.</summary>
public sealed record CephStatus
{
    [JsonPropertyName("fsid")]
    public string? Fsid { get; init; }

    [JsonPropertyName("health")]
    public CephHealth? Health { get; init; }

    [JsonPropertyName("quorum_names")]
    public IReadOnlyList<string>? QuorumNames { get; init; }

    [JsonPropertyName("monmap")]
    public CephMonMapSummary? MonMap { get; init; }

    [JsonPropertyName("osdmap")]
    public CephOsdMapSummary? OsdMap { get; init; }

    [JsonPropertyName("pgmap")]
    public CephPgMapSummary? PgMap { get; init; }
}
