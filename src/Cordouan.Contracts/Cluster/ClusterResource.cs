using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Cluster;

/// <summary>One item of <c>GET /cluster/resources</c>: a VM (<c>qemu</c>), a node, a storage or a pool.</summary>
public sealed record ClusterResource
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("vmid")]
    public int? VmId { get; init; }

    [JsonPropertyName("node")]
    public string? Node { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("template")]
    public bool? Template { get; init; }

    [JsonPropertyName("lock")]
    public string? Lock { get; init; }

    [JsonPropertyName("tags")]
    public string? Tags { get; init; }

    [JsonPropertyName("pool")]
    public string? Pool { get; init; }

    [JsonPropertyName("hastate")]
    public string? HaState { get; init; }

    [JsonPropertyName("storage")]
    public string? Storage { get; init; }

    [JsonPropertyName("plugintype")]
    public string? PluginType { get; init; }

    [JsonPropertyName("shared")]
    public bool? Shared { get; init; }

    [JsonPropertyName("content")]
    public string? Content { get; init; }

    [JsonPropertyName("cpu")]
    public double? Cpu { get; init; }

    [JsonPropertyName("maxcpu")]
    public double? MaxCpu { get; init; }

    [JsonPropertyName("mem")]
    public long? Mem { get; init; }

    [JsonPropertyName("maxmem")]
    public long? MaxMem { get; init; }

    [JsonPropertyName("disk")]
    public long? Disk { get; init; }

    [JsonPropertyName("maxdisk")]
    public long? MaxDisk { get; init; }

    [JsonPropertyName("uptime")]
    public long? Uptime { get; init; }
}
