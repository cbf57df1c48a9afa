using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Nodes;

/// <summary>The <c>cpuinfo</c> object of a node status.</summary>
public sealed record NodeCpuInfo
{
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("cpus")]
    public int? Cpus { get; init; }

    [JsonPropertyName("sockets")]
    public int? Sockets { get; init; }

    [JsonPropertyName("cores")]
    public int? Cores { get; init; }

    [JsonPropertyName("mhz")]
    public double? Mhz { get; init; }
}
