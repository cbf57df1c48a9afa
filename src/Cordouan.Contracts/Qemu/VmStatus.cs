using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Qemu;

/// <summary>Answer of <c>GET /nodes/{node}/qemu/{vmid}/status/current</c>.</summary>
public sealed record VmStatus
{
    [JsonPropertyName("vmid")]
    public int? VmId { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary><c>running</c> or <c>stopped</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>QEMU's own state: <c>running</c>, <c>paused</c>, <c>prelaunch</c>, <c>suspended</c>…</summary>
    [JsonPropertyName("qmpstatus")]
    public string? QmpStatus { get; init; }

    [JsonPropertyName("pid")]
    public long? Pid { get; init; }

    [JsonPropertyName("uptime")]
    public long? Uptime { get; init; }

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

    [JsonPropertyName("netin")]
    public long? NetIn { get; init; }

    [JsonPropertyName("netout")]
    public long? NetOut { get; init; }

    [JsonPropertyName("lock")]
    public string? Lock { get; init; }

    [JsonPropertyName("template")]
    public bool? Template { get; init; }

    [JsonPropertyName("ha")]
    public VmHaState? Ha { get; init; }

    /// <summary>Extension: the running VM's IPv4 addresses known from the DHCP leases of its node's NAT bridges.</summary>
    [JsonPropertyName("cordouan-ips")]
    public IReadOnlyList<VmLeasedAddress>? Addresses { get; init; }
}
