using Cordouan.Core.Network;
using Cordouan.Core.Vms;

namespace Cordouan.Qemu.CommandLine;

public static partial class QemuArgvBuilder
{
    /// <summary>Proxmox's NIC models mapped to QEMU devices; null when unknown.</summary>
    internal static string? NicDeviceModel(string model) => model switch
    {
        "virtio" => "virtio-net-pci",
        "e1000" => "e1000",
        "e1000e" => "e1000e",
        "rtl8139" => "rtl8139",
        "vmxnet3" => "vmxnet3",
        _ => null,
    };

    private static void ValidateNic(NicSpec nic, Dictionary<string, string> errors)
    {
        if (!IdPattern().IsMatch(nic.Id))
        {
            errors[nic.Id] = "NIC id must be letters followed by digits";
        }
        else if (NicDeviceModel(nic.Model) is null)
        {
            errors[nic.Id] = $"unknown NIC model '{nic.Model}'";
        }
        else if (!MacPattern().IsMatch(nic.MacAddress))
        {
            errors[nic.Id] = $"invalid MAC address '{nic.MacAddress}'";
        }
    }

    /// <summary>Name of the tap device of a NIC on a bridge, as Proxmox names it (<c>tap100i0</c>).</summary>
    public static string TapName(VmLaunchSpec spec, NicSpec nic) => TapNames.Of(spec.VmId, nic.Index);

    private static void AddNics(VmLaunchSpec spec, Dictionary<string, int> bootIndexes, List<string> args)
    {
        foreach (var nic in spec.Nics.OrderBy(n => n.Index))
        {
            var netdev = nic.Bridge is null
                ? $"user,id={nic.Id},restrict=on"
                : $"tap,id={nic.Id},ifname={TapName(spec, nic)},script=no,downscript=no";
            var device = $"{NicDeviceModel(nic.Model)},mac={nic.MacAddress},netdev={nic.Id},id={nic.Id}";
            if (bootIndexes.TryGetValue(nic.Id, out var bootIndex))
            {
                device += Invariant($",bootindex={bootIndex}");
            }
            args.AddRange(["-netdev", netdev, "-device", device]);
        }
    }
}
