using Cordouan.Core.Vms;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.ReadModel;

namespace Cordouan.Api.Endpoints.Cluster.Resources;

/// <summary>
/// The <c>qemu</c> items of <c>/cluster/resources</c>. A VM that no process runs for here (every remote VM, every
/// stopped local one) is its item serialized once per document revision; a running local VM is projected fresh
/// (memory, uptime, pid and QMP status change while it runs).
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
            var runtime = document.Owner == localNode ? await driver.GetAsync(document.Id, cancellationToken) : null;
            if (runtime is null)
            {
                list.AddSerialized(serialized.Get(vm));
            }
            else
            {
                list.Add(VmResourceItem.Build(document, runtime, time.GetUtcNow()));
            }
        }
    }
}
