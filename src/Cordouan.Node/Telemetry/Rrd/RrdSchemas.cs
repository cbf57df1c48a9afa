namespace Cordouan.Node.Telemetry.Rrd;

/// <summary>The columns of Proxmox VE 9's series (pmxcfs <c>rrd_def_node_pve9_0</c>, <c>_vm_</c>, <c>_storage_</c>), by their <c>rrddata</c> names.</summary>
public static class RrdSchemas
{
    public static IReadOnlyList<RrdColumn> Node { get; } =
    [
        new("loadavg"), new("maxcpu"), new("cpu"), new("iowait"), new("memtotal"), new("memused"), new("swaptotal"),
        new("swapused"), new("roottotal"), new("rootused"), new("netin", RrdColumnKind.Derive), new("netout", RrdColumnKind.Derive),
        new("memavailable"), new("pressurecpusome"), new("pressureiosome"), new("pressureiofull"), new("pressurememorysome"),
        new("pressurememoryfull"),
    ];

    public static IReadOnlyList<RrdColumn> Vm { get; } =
    [
        new("maxcpu"), new("cpu"), new("maxmem"), new("mem"), new("maxdisk"), new("disk"),
        new("netin", RrdColumnKind.Derive), new("netout", RrdColumnKind.Derive),
        new("diskread", RrdColumnKind.Derive), new("diskwrite", RrdColumnKind.Derive),
    ];

    public static IReadOnlyList<RrdColumn> Storage { get; } = [new("total"), new("used")];
}
