using Cordouan.Core.Ids;

namespace Cordouan.Core.Vms;

/// <summary>A live QEMU process as the driver sees it.</summary>
public sealed record VmRuntimeInfo(VmId VmId, int Pid, VmRunState State, DateTimeOffset StartedAt)
{
    /// <summary>Its usage as last sampled (<see cref="IVmSampler"/>), or null when not sampled yet.</summary>
    public VmFigures? Figures { get; init; }
}
