using Cordouan.Core.Ids;

namespace Cordouan.Core.Vms;

/// <summary>A live QEMU process as the driver sees it.</summary>
public sealed record VmRuntimeInfo(VmId VmId, int Pid, VmRunState State, DateTimeOffset StartedAt);
