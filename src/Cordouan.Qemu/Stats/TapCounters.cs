using System.Globalization;
using Cordouan.Core.Ids;
using Cordouan.Core.Network;

namespace Cordouan.Qemu.Stats;

/// <summary>A VM's network figures summed over its taps (<c>tap&lt;vmid&gt;i&lt;n&gt;</c>), as Proxmox's <c>vmstatus</c> reads them.</summary>
internal static class TapCounters
{
    /// <summary>
    /// Per VM, from a <c>/proc/net/dev</c> text: <c>NetIn</c> = its taps' transmit bytes (what reached the guest),
    /// <c>NetOut</c> = their receive bytes (what the guest sent). Lines that are not VM taps are skipped.
    /// </summary>
    public static Dictionary<VmId, (long NetIn, long NetOut)> Parse(string procNetDev)
    {
        var result = new Dictionary<VmId, (long NetIn, long NetOut)>();
        foreach (var line in procNetDev.AsSpan().EnumerateLines())
        {
            // "  tap100i0: <rx bytes> <rx packets> … (8 receive columns) <tx bytes> …"
            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }
            var name = line[..colon].Trim().ToString();
            if (!TapNames.IsTap(name))
            {
                continue;
            }
            var columns = line[(colon + 1)..].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 9
                || !long.TryParse(columns[0], NumberStyles.None, CultureInfo.InvariantCulture, out var received)
                || !long.TryParse(columns[8], NumberStyles.None, CultureInfo.InvariantCulture, out var transmitted)
                || !int.TryParse(name.AsSpan(3, name.IndexOf('i', StringComparison.Ordinal) - 3), NumberStyles.None, CultureInfo.InvariantCulture, out var vmid)
                || vmid < VmId.Min || vmid > VmId.Max)
            {
                continue;
            }
            var id = new VmId(vmid);
            var (netIn, netOut) = result.GetValueOrDefault(id);
            result[id] = (netIn + transmitted, netOut + received);
        }
        return result;
    }

    /// <summary>This network namespace's counters (the one the taps are created in); empty when unreadable.</summary>
    public static Dictionary<VmId, (long NetIn, long NetOut)> Read()
    {
        try
        {
            return Parse(File.ReadAllText("/proc/net/dev"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
