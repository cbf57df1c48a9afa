using Cordouan.Node.Telemetry;

namespace Cordouan.Api.Metrics;

/// <summary>This node's families of <c>/metrics</c>.</summary>
internal static class NodeSeries
{
    private static readonly (string Family, string Figure, string Type, string Help)[] Families =
    [
        ("cordouan_node_cpu_ratio", "cpu", "gauge", "Share of this host's CPU time in use (0-1) over the last sampling interval"),
        ("cordouan_node_cpus", "maxcpu", "gauge", "Logical CPUs of this host"),
        ("cordouan_node_iowait_ratio", "iowait", "gauge", "Share of CPU time waiting for I/O (0-1)"),
        ("cordouan_node_load1", "loadavg", "gauge", "One-minute load average"),
        ("cordouan_node_memory_total_bytes", "memtotal", "gauge", "Memory of this host"),
        ("cordouan_node_memory_used_bytes", "memused", "gauge", "Memory in use (total minus available)"),
        ("cordouan_node_swap_total_bytes", "swaptotal", "gauge", "Swap of this host"),
        ("cordouan_node_swap_used_bytes", "swapused", "gauge", "Swap in use"),
        ("cordouan_node_rootfs_total_bytes", "roottotal", "gauge", "Size of the root filesystem"),
        ("cordouan_node_rootfs_used_bytes", "rootused", "gauge", "Space used on the root filesystem"),
        ("cordouan_node_uptime_seconds", "uptime", "gauge", "Time since this host booted"),
        ("cordouan_node_network_receive_bytes_total", "netin", "counter", "Bytes received on this host's links (VM taps excluded)"),
        ("cordouan_node_network_transmit_bytes_total", "netout", "counter", "Bytes sent on this host's links (VM taps excluded)"),
    ];

    public static void Write(PrometheusText text, (string, string) node, TelemetrySnapshot snapshot)
    {
        foreach (var (family, figure, type, help) in Families)
        {
            if (snapshot.Node.TryGetValue(figure, out var value))
            {
                text.Family(family, type, help);
                text.Sample(family, value, node);
            }
        }
    }
}
