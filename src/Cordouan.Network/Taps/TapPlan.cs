using System.Globalization;
using Cordouan.Core.Network;

namespace Cordouan.Network.Taps;

/// <summary>The commands that plug a VM's tap into its bridge, as pure data; <see cref="Links.LinuxHostNetwork"/> runs them in order.</summary>
public static class TapPlan
{
    /// <summary>Burst allowance of a rate limit, as Proxmox sets it: 1 MiB.</summary>
    private const long BurstBytes = 1024 * 1024;

    /// <summary>Master, VLAN membership on a VLAN-aware bridge (access port: the tag is PVID and untagged), the limit towards the guest, link up.</summary>
    /// <param name="targetBridge">The bridge the tap joins: the NIC's bridge, or its per-tag bridge (<see cref="VlanBridgeName"/>) when that one is not VLAN-aware.</param>
    public static IReadOnlyList<string[]> Attach(TapAttachment tap, string targetBridge, bool vlanAware)
    {
        var commands = new List<string[]> { new[] { "ip", "link", "set", "dev", tap.Tap, "master", targetBridge } };
        if (vlanAware && tap.Tag is { } tag)
        {
            var vid = tag.ToString(CultureInfo.InvariantCulture);
            commands.Add(["bridge", "vlan", "del", "dev", tap.Tap, "vid", "1"]);
            commands.Add(["bridge", "vlan", "add", "dev", tap.Tap, "vid", vid, "pvid", "untagged"]);
        }
        if (BytesPerSecond(tap.RateMegabytesPerSecond) is { } rate)
        {
            // Traffic towards the guest leaves the host through the tap: shaped by an HTB class.
            commands.Add(["tc", "qdisc", "replace", "dev", tap.Tap, "root", "handle", "1:", "htb", "default", "1"]);
            commands.Add(["tc", "class", "replace", "dev", tap.Tap, "parent", "1:", "classid", "1:1", "htb", "rate", Bps(rate), "burst", Bytes(BurstBytes)]);
        }
        commands.Add(["ip", "link", "set", "dev", tap.Tap, "up"]);
        return commands;
    }

    /// <summary>
    /// Policing of the traffic the guest sends (it enters the host on the tap's ingress). Needs the kernel's
    /// <c>cls_basic</c> and <c>act_police</c>; kept apart so a kernel without them still gets the other direction.
    /// </summary>
    public static IReadOnlyList<string[]> LimitFromGuest(TapAttachment tap) => BytesPerSecond(tap.RateMegabytesPerSecond) is { } rate
        ? [
            ["tc", "qdisc", "replace", "dev", tap.Tap, "handle", "ffff:", "ingress"],
            ["tc", "filter", "replace", "dev", tap.Tap, "parent", "ffff:", "prio", "50", "basic",
                "police", "rate", Bps(rate), "burst", Bytes(BurstBytes), "mtu", "64kb", "drop"],
        ]
        : [];

    /// <summary>Proxmox's name of the bridge carrying one VLAN of a bridge that is not VLAN-aware (<c>vmbr0v5</c>).</summary>
    public static string VlanBridgeName(string bridge, int tag) => string.Create(CultureInfo.InvariantCulture, $"{bridge}v{tag}");

    /// <summary>Proxmox's name of a bridge port's VLAN sub-interface (<c>eth0.5</c>).</summary>
    public static string VlanPortName(string port, int tag) => string.Create(CultureInfo.InvariantCulture, $"{port}.{tag}");

    /// <summary><c>rate</c> (MB/s, Proxmox's unit: MiB per second) in bytes per second; null for no limit (absent or 0).</summary>
    public static long? BytesPerSecond(decimal? megabytesPerSecond) =>
        megabytesPerSecond is { } mb && mb > 0 ? (long)(mb * 1024 * 1024) : null;

    // tc units: "bps" is bytes per second, "b" bytes.
    private static string Bps(long bytesPerSecond) => bytesPerSecond.ToString(CultureInfo.InvariantCulture) + "bps";

    private static string Bytes(long bytes) => bytes.ToString(CultureInfo.InvariantCulture) + "b";
}
