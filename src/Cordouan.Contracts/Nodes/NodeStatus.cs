using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Nodes;

/// <summary>Answer of <c>GET /nodes/{node}/status</c> (the fields the CLI shows).</summary>
public sealed record NodeStatus
{
    [JsonPropertyName("uptime")]
    public long? Uptime { get; init; }

    [JsonPropertyName("cpu")]
    public double? Cpu { get; init; }

    [JsonPropertyName("wait")]
    public double? Wait { get; init; }

    [JsonPropertyName("loadavg")]
    public IReadOnlyList<string>? LoadAverage { get; init; }

    [JsonPropertyName("kversion")]
    public string? KernelVersion { get; init; }

    [JsonPropertyName("pveversion")]
    public string? PveVersion { get; init; }

    [JsonPropertyName("cpuinfo")]
    public NodeCpuInfo? CpuInfo { get; init; }

    [JsonPropertyName("memory")]
    public NodeMemoryUsage? Memory { get; init; }

    [JsonPropertyName("swap")]
    public NodeMemoryUsage? Swap { get; init; }

    [JsonPropertyName("rootfs")]
    public NodeDiskUsage? RootFs { get; init; }
}
