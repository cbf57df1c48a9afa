using System.Globalization;
using Cordouan.Core.Ids;

namespace Cordouan.Core.Network;

/// <summary>Tap device names as Proxmox gives them (<c>tap100i0</c> = VM 100, net0); at most 15 characters for any VMID.</summary>
public static class TapNames
{
    public static string Of(VmId vmId, int nicIndex) => string.Create(CultureInfo.InvariantCulture, $"tap{vmId.Value}i{nicIndex}");

    /// <summary>True when <paramref name="name"/> is a VM tap (<c>tap&lt;vmid&gt;i&lt;n&gt;</c>).</summary>
    public static bool IsTap(string name)
    {
        var i = name.IndexOf('i', StringComparison.Ordinal);
        return name.StartsWith("tap", StringComparison.Ordinal) && i > 3 && i < name.Length - 1
            && name[3..i].All(char.IsAsciiDigit) && name[(i + 1)..].All(char.IsAsciiDigit);
    }

    /// <summary>True when <paramref name="name"/> is a tap of <paramref name="vmId"/> (any NIC index).</summary>
    public static bool BelongsTo(string name, VmId vmId)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"tap{vmId.Value}i");
        return name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length && name[prefix.Length..].All(char.IsAsciiDigit);
    }
}
