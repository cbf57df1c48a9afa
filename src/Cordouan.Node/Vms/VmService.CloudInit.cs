using Cordouan.Core.Ids;
using Cordouan.Node.CloudInit;
using Cordouan.Node.Tasks;

namespace Cordouan.Node.Vms;

public sealed partial class VmService
{
    /// <summary>
    /// Writes the cloud-init seed before QEMU starts, as Proxmox does at every start, and records the values it was
    /// made of (what <c>GET …/cloudinit</c> compares the config with). A VM without a cloud-init drive is unchanged.
    /// </summary>
    private async Task<VmDocument> WriteCloudInitAsync(VmDocument vm, TaskContext ctx)
    {
        if (!await cloudInit.WriteAsync(vm.Id, vm.Config, ctx.CancellationToken))
        {
            return vm;
        }
        ctx.Log("generating cloud-init ISO");
        return await RecordCloudInitAsync(vm, ctx.CancellationToken);
    }

    /// <summary><c>PUT …/cloudinit</c>: regenerates the drive now from the current config.</summary>
    public async Task RegenerateCloudInitAsync(VmId id, CancellationToken cancellationToken)
    {
        var vm = await vms.GetOwnedAsync(id, cancellationToken);
        using var held = operations.Enter(id, "cloudinit");
        if (!await cloudInit.WriteAsync(id, vm.Document.Config, cancellationToken))
        {
            throw new Core.Errors.ValidationException("vmid", $"VM {id} has no cloud-init drive");
        }
        await RecordCloudInitAsync(vm.Document, cancellationToken);
    }

    private async Task<VmDocument> RecordCloudInitAsync(VmDocument vm, CancellationToken cancellationToken)
    {
        var inputs = CloudInitDrives.Inputs(vm.Config);
        if (vm.CloudInit is { } last && last.Count == inputs.Count && inputs.All(i => last.TryGetValue(i.Key, out var v) && v == i.Value))
        {
            return vm;
        }
        return (await vms.MutateAsync(vm.Id, doc => doc with { CloudInit = inputs }, cancellationToken)).Document;
    }
}
