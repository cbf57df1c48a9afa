using Cordouan.Core.Ids;

namespace Cordouan.Core.Network;

/// <summary>
/// The host side of VM networking on this node, in the daemon's own network namespace: the bridges VM NICs plug into
/// and the tap devices of running VMs. QEMU creates each tap when it opens it (so the tap disappears with the process,
/// crash included); this seam plugs it into its bridge. Every method is idempotent. A failed command throws
/// <see cref="Errors.ExternalCommandException"/> with its argv and stderr.
/// </summary>
public interface IHostNetwork
{
    /// <summary>The bridge named <paramref name="name"/> on this node, or null when no such bridge exists.</summary>
    Task<BridgeInfo?> FindBridgeAsync(string name, CancellationToken cancellationToken);

    /// <summary>Plugs an existing tap into its bridge: master, VLAN membership, rate limit, then link up.</summary>
    Task AttachTapAsync(TapAttachment tap, CancellationToken cancellationToken);

    /// <summary>Deletes the taps of <paramref name="vmId"/> that still exist (leftovers of a crash or of another tool); no-op when none.</summary>
    Task RemoveTapsAsync(VmId vmId, CancellationToken cancellationToken);
}
