using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cordouan.Node.Vms.Live;

/// <summary>
/// What a node publishes at <see cref="Core.Cluster.ClusterKeys.LiveStatus"/>: every VM it runs and its own figures,
/// one key per node (writes stay bounded however many VMs), kept compact (short member names).
/// </summary>
public sealed record NodeLiveDocument(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("host")] NodeLiveFigures Host,
    [property: JsonPropertyName("vms")] IReadOnlyList<VmLiveEntry> Vms)
{
    public const int CurrentVersion = 1;

    public byte[] ToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(this, LiveJsonContext.Default.NodeLiveDocument);

    /// <summary>The document in <paramref name="value"/>, or null when it is not one of this version.</summary>
    public static NodeLiveDocument? TryParse(byte[] value)
    {
        try
        {
            return JsonSerializer.Deserialize(value, LiveJsonContext.Default.NodeLiveDocument) is { Version: CurrentVersion, Vms: not null, Host: not null } document
                ? document
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A running VM as its node last sampled it; <see cref="State"/> is the QMP state (<see cref="Core.Vms.VmRunState"/>).</summary>
public sealed record VmLiveEntry(
    [property: JsonPropertyName("id")] int VmId,
    [property: JsonPropertyName("qs")] Core.Vms.VmRunState State,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("up")] long Uptime,
    [property: JsonPropertyName("cpu")] double CpuCores,
    [property: JsonPropertyName("mem")] long Memory,
    [property: JsonPropertyName("dr")] long DiskRead,
    [property: JsonPropertyName("dw")] long DiskWrite,
    [property: JsonPropertyName("ni")] long NetIn,
    [property: JsonPropertyName("no")] long NetOut);

/// <summary>A node's own figures, as its <c>/nodes/{node}/status</c> reads them.</summary>
public sealed record NodeLiveFigures(
    [property: JsonPropertyName("up")] long Uptime,
    [property: JsonPropertyName("cpu")] double Cpu,
    [property: JsonPropertyName("maxcpu")] int MaxCpu,
    [property: JsonPropertyName("mem")] long Memory,
    [property: JsonPropertyName("maxmem")] long MaxMemory,
    [property: JsonPropertyName("disk")] long Disk,
    [property: JsonPropertyName("maxdisk")] long MaxDisk);
