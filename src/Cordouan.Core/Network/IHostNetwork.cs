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

    /// <summary>Every interface of this node, with its addresses.</summary>
    Task<IReadOnlyList<LiveInterface>> ListInterfacesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes the kernel match <paramref name="desired"/>: creates or changes each bridge (ports, VLAN filtering,
    /// address, MTU, gateway, up), and deletes the bridges of <paramref name="previous"/> that are gone. Each command
    /// run is reported to <paramref name="log"/>. Not atomic: a failing command stops there, and a re-apply resumes.
    /// A NAT bridge also gets its masquerade table and its dnsmasq; a bridge that stops being NAT loses both.
    /// </summary>
    Task ApplyAsync(IReadOnlyList<NodeInterface> previous, IReadOnlyList<NodeInterface> desired, Action<string> log, CancellationToken cancellationToken);

    /// <summary>
    /// What <see cref="ApplyAsync"/> of <paramref name="desired"/> over itself would change, one line each (a command to
    /// run, a missing NAT table, forwarding off, a dnsmasq not running); empty when the kernel already matches. Reads only.
    /// </summary>
    Task<IReadOnlyList<string>> DifferencesAsync(IReadOnlyList<NodeInterface> desired, CancellationToken cancellationToken);

    /// <summary>Deletes the taps of <paramref name="vmId"/> that still exist (leftovers of a crash or of another tool); no-op when none.</summary>
    Task RemoveTapsAsync(VmId vmId, CancellationToken cancellationToken);

    /// <summary>The current DHCP leases of NAT bridge <paramref name="bridge"/> (empty when it serves none).</summary>
    Task<IReadOnlyList<DhcpLease>> LeasesAsync(string bridge, CancellationToken cancellationToken);
}
