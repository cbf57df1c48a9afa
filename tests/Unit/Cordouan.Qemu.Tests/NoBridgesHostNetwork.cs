using Cordouan.Core.Ids;
using Cordouan.Core.Network;

namespace Cordouan.Qemu.Tests;

/// <summary>A node without bridges: the driver tests run QEMU with user-mode NICs only, so no tap is ever plugged.</summary>
internal sealed class NoBridgesHostNetwork : IHostNetwork
{
    public Task<BridgeInfo?> FindBridgeAsync(string name, CancellationToken cancellationToken) => Task.FromResult<BridgeInfo?>(null);

    public Task AttachTapAsync(TapAttachment tap, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"no bridge on this test node, cannot plug {tap.Tap}");

    public Task<IReadOnlyList<LiveInterface>> ListInterfacesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<LiveInterface>>([]);

    public Task ApplyAsync(IReadOnlyList<NodeInterface> previous, IReadOnlyList<NodeInterface> desired, Action<string> log, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the driver tests never apply a node network");

    public Task<IReadOnlyList<string>> DifferencesAsync(IReadOnlyList<NodeInterface> desired, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task RemoveTapsAsync(VmId vmId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<DhcpLease>> LeasesAsync(string bridge, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DhcpLease>>([]);
}
