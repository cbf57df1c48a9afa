using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Qemu;

/// <summary>One item of <c>GET /nodes/{node}/qemu</c>.</summary>
public sealed record VmListItem
{
    [JsonPropertyName("vmid")]
    public required int VmId { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary><c>running</c> or <c>stopped</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("qmpstatus")]
    public string? QmpStatus { get; init; }

    [JsonPropertyName("cpus")]
    public double? Cpus { get; init; }

    [JsonPropertyName("cpu")]
    public double? Cpu { get; init; }

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

    [JsonPropertyName("pid")]
    public long? Pid { get; init; }

    [JsonPropertyName("template")]
    public bool? Template { get; init; }

    [JsonPropertyName("lock")]
    public string? Lock { get; init; }

    [JsonPropertyName("tags")]
    public string? Tags { get; init; }
}
