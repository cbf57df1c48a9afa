using Cordouan.Node.Config;
using Cordouan.Node.Vms;

namespace Cordouan.Node.Maintenance;

/// <summary>What a node already carries, as far as etcd tells it cheaply: its VMs and the memory they are configured with.</summary>
public sealed record NodeLoad(int Vms, long MemoryMiB)
{
    public static readonly NodeLoad Empty = new(0, 0);

    /// <summary>The load after one more VM of <paramref name="memoryMiB"/> lands on the node.</summary>
    public NodeLoad Plus(long memoryMiB) => new(Vms + 1, MemoryMiB + memoryMiB);

    /// <summary>Configured memory of a VM (Proxmox's default 512 MiB when unset).</summary>
    public static long MemoryOf(VmDocument vm) =>
        vm.Config.TryGetValue("memory", out var memory) ? VmConfigSchema.MemoryMiB(memory) : 512;

    /// <summary>Load per owner node over every VM document (templates included: their disks live there too).</summary>
    public static Dictionary<string, NodeLoad> Tally(IEnumerable<VmDocument> vms)
    {
        var loads = new Dictionary<string, NodeLoad>(StringComparer.Ordinal);
        foreach (var vm in vms)
        {
            loads[vm.Owner] = loads.GetValueOrDefault(vm.Owner, Empty).Plus(MemoryOf(vm));
        }
        return loads;
    }
}
