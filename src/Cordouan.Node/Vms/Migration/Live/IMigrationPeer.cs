using Cordouan.Core.Ids;

namespace Cordouan.Node.Vms.Migration.Live;

/// <summary>
/// The node-to-node seam of live migration, called by the source on the target: prepare an incoming VM, resume it once
/// ownership moved, or take it back. Transport failures and refusals throw <see cref="Core.Errors.CordouanException"/>
/// naming the node.
/// </summary>
public interface IMigrationPeer
{
    Task<IncomingOffer> PrepareAsync(string target, IncomingRequest request, CancellationToken cancellationToken);

    /// <summary>Resumes the guest on <paramref name="target"/>; the target checks that it owns the VM first.</summary>
    Task ResumeAsync(string target, VmId vmId, CancellationToken cancellationToken);

    /// <summary>Stops the incoming QEMU on <paramref name="target"/> and frees the disks it received (no-op if none).</summary>
    Task AbortAsync(string target, VmId vmId, CancellationToken cancellationToken);
}
