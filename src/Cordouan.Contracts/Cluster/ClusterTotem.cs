using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Cluster;

/// <summary>The <c>totem</c> section of <c>GET /cluster/config/join</c>: the cluster's name and config version, plus any other keys.</summary>
public sealed record ClusterTotem
{
    [JsonPropertyName("cluster_name")]
    public string? ClusterName { get; init; }

    [JsonPropertyName("config_version")]
    public long? ConfigVersion { get; init; }

    /// <summary>Keys beyond these two (PVE sends corosync's whole totem section); settable because STJ fills extension data after construction.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
