using Cordouan.Core.Ids;
using Cordouan.Core.Vms;

namespace Cordouan.Api.Tests.Fakes;

/// <summary>A driver that only reports runtime info: the VMs in <see cref="Running"/> run, every other VM does not.</summary>
internal sealed class FakeVmDriver : IVmDriver
{
    public Dictionary<VmId, VmRuntimeInfo> Running { get; } = [];

    public Task<VmRuntimeInfo?> GetAsync(VmId vmId, CancellationToken cancellationToken) =>
        Task.FromResult(Running.GetValueOrDefault(vmId));

    public Task<VmRuntimeInfo> StartAsync(VmLaunchSpec spec, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<VmRuntimeInfo>> RecoverAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task StopAsync(VmId vmId, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task KillAsync(VmId vmId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ShutdownAsync(VmId vmId, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ResetAsync(VmId vmId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PauseAsync(VmId vmId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ResumeAsync(VmId vmId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ResizeDriveAsync(VmId vmId, string driveId, long sizeBytes, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task SnapshotDriveAsync(VmId vmId, string driveId, string snapshotName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteDriveSnapshotAsync(VmId vmId, string driveId, string snapshotName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PlugNicAsync(VmId vmId, NicSpec nic, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UnplugNicAsync(VmId vmId, string nicId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public string SerialSocketPath(VmId vmId) => throw new NotSupportedException();

    public string VncSocketPath(VmId vmId) => throw new NotSupportedException();
}
