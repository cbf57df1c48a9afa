namespace Cordouan.Node.Nodes;

/// <summary>This host's resources as read from /proc and the root filesystem.</summary>
public sealed record HostStatus(
    long UptimeSeconds,
    double Cpu,
    IReadOnlyList<string> LoadAverage,
    int Cpus,
    string CpuModel,
    long MemoryTotal,
    long MemoryAvailable,
    long SwapTotal,
    long SwapFree,
    long RootTotal,
    long RootAvailable,
    string KernelRelease,
    string KernelVersion);
