using System.Text.Json.Serialization;

namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>One entry of <c>query-blockstats</c>: a block backend (named by <c>device</c>, or by <c>qdev</c> with -blockdev) and its counters.</summary>
public sealed record QmpBlockStats(string? Device, string? Qdev, QmpBlockCounters? Stats)
{
    /// <summary>Bytes read and written over every entry, as Proxmox sums them for <c>diskread</c>/<c>diskwrite</c>.</summary>
    public static (long Read, long Written) Sum(IEnumerable<QmpBlockStats> entries)
    {
        long read = 0, written = 0;
        foreach (var entry in entries)
        {
            read += entry.Stats?.RdBytes ?? 0;
            written += entry.Stats?.WrBytes ?? 0;
        }
        return (read, written);
    }
}

/// <summary>The byte counters of a <see cref="QmpBlockStats"/> entry (QEMU spells them with underscores).</summary>
public sealed record QmpBlockCounters(
    [property: JsonPropertyName("rd_bytes")] long RdBytes,
    [property: JsonPropertyName("wr_bytes")] long WrBytes);
