using System.Globalization;
using Cordouan.Node.Telemetry;

namespace Cordouan.Api.Metrics;

/// <summary>The per-VM families of <c>/metrics</c>: every VM this node owns, labelled with its VMID and name.</summary>
internal static class VmSeries
{
    private static readonly (string Family, string Figure, string Type, string Help)[] Families =
    [
        ("cordouan_vm_cpu_ratio", "cpu", "gauge", "Share of its CPUs a VM uses (0-1), as /cluster/resources reports it"),
        ("cordouan_vm_cpus", "maxcpu", "gauge", "Virtual CPUs of a VM"),
        ("cordouan_vm_memory_bytes", "mem", "gauge", "Memory a VM uses"),
        ("cordouan_vm_memory_max_bytes", "maxmem", "gauge", "Memory configured for a VM"),
        ("cordouan_vm_disk_max_bytes", "maxdisk", "gauge", "Size of a VM's boot disk"),
        ("cordouan_vm_disk_read_bytes_total", "diskread", "counter", "Bytes a VM read from its disks since it started"),
        ("cordouan_vm_disk_write_bytes_total", "diskwrite", "counter", "Bytes a VM wrote to its disks since it started"),
        ("cordouan_vm_network_receive_bytes_total", "netin", "counter", "Bytes a VM received on its network interfaces since it started"),
        ("cordouan_vm_network_transmit_bytes_total", "netout", "counter", "Bytes a VM sent on its network interfaces since it started"),
        ("cordouan_vm_uptime_seconds", "uptime", "gauge", "Time since a VM started (0 when stopped)"),
    ];

    public static void Write(PrometheusText text, (string, string) node, IReadOnlyList<VmFigures> vms)
    {
        text.Family("cordouan_vm_up", "gauge", "Whether a VM owned by this node is running (1) or stopped (0)");
        foreach (var vm in vms)
        {
            text.Sample("cordouan_vm_up", vm.Running ? 1 : 0, Labels(node, vm));
        }
        foreach (var (family, figure, type, help) in Families)
        {
            text.Family(family, type, help);
            foreach (var vm in vms)
            {
                if (vm.Values.TryGetValue(figure, out var value))
                {
                    text.Sample(family, value, Labels(node, vm));
                }
            }
        }
    }

    private static (string, string)[] Labels((string, string) node, VmFigures vm) =>
        [node, ("vmid", vm.VmId.ToString(CultureInfo.InvariantCulture)), ("name", vm.Name)];
}
