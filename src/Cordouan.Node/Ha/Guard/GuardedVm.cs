namespace Cordouan.Node.Ha.Guard;

/// <summary>
/// An HA VM the fence guard watches: its QEMU pid, and whether its disks are storage-fenced (then only the daemon
/// falling silent, not a lost lease, makes the guard kill it).
/// </summary>
public readonly record struct GuardedVm(int Pid, bool StorageFenced);
