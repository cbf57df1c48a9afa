namespace Cordouan.Core.Vms;

/// <summary>
/// A running VM's usage as its node last sampled it. <see cref="CpuCores"/> is how many host CPUs its QEMU kept busy
/// over the last sampling interval (1.0 = one full CPU; Proxmox's <c>cpu</c> divides it by the VM's CPU count);
/// <see cref="Memory"/> is what the process holds now; the others are bytes counted since QEMU started (disks,
/// QMP <c>query-blockstats</c>) or since its taps were created (<see cref="NetIn"/>: what the guest received, its taps'
/// transmit counters; <see cref="NetOut"/>: what the guest sent, their receive counters, as Proxmox counts them).
/// </summary>
public sealed record VmFigures(double CpuCores, long Memory, long DiskRead, long DiskWrite, long NetIn, long NetOut);
