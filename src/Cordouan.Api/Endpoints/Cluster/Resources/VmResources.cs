using Cordouan.Core.Vms;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Live;
using Cordouan.Node.Vms.ReadModel;

namespace Cordouan.Api.Endpoints.Cluster.Resources;

/// <summary>
/// The <c>qemu</c> items of <c>/cluster/resources</c>. A local VM's state is its driver's; a remote VM's is what its
/// node last published (<see cref="LiveStatusView"/>), unknown when that node is silent. A stopped VM is its item
/// serialized once per document revision; a running or unknown one is projected fresh (memory, uptime, pid, QMP
/// status and usage change while it runs).
/// </summary>
public static class VmResources
{
    /// <summary>Roughly the size of one serialized item, to size the response buffer.</summary>
    public const int ItemBytesHint = 320;

    /// <summary>Appends, in the order given, every VM the caller may audit (<c>VM.Audit</c> on <c>/vms/{vmid}</c>).</summary>
    public static async Task AddAsync(
        ResourceListWriter list,
        IReadOnlyList<VersionedVm> vms,
        VmDerivedCache<byte[]> serialized,
        Func<string, string, bool> allowed,
        string localNode,
        IVmDriver driver,
        LiveStatusView remote,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        foreach (var vm in vms)
        {
            var document = vm.Document;
            if (!allowed($"/vms/{document.VmId}", "VM.Audit"))
            {
                continue;
            }
            var now = time.GetUtcNow();
            var live = document.Owner == localNode
                ? await driver.GetAsync(document.Id, cancellationToken) is { } runtime ? VmLive.Running(runtime) : VmLive.Stopped
                : remote.Vm(document.Owner, document.VmId, now);
            if (live == VmLive.Stopped)
            {
                list.AddSerialized(serialized.Get(vm));
            }
            else
            {
                list.Add(VmResourceItem.Build(document, live, now));
            }
        }
    }
}
