using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Qemu.Permissions;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>Clone and convert-to-template (spec §5.5).</summary>
public static class QemuCloneHandlers
{
    public static async Task<IResult> CloneAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, StorageRegistry storages, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Clone");
        var p = request.Params;
        var newId = p.Integer("newid", VmId.Min, VmId.Max, required: true);
        var clone = new CloneRequest(
            p.String("name"), p.String("description"), p.Boolean("full"), p.String("storage"),
            p.Enum("format", ["raw", "qcow2", "vmdk"]), p.String("snapname"));
        var target = p.String("target");
        p.Accept(["pool", "bwlimit"]);
        p.Validate();
        if (target is not null && target != identity.NodeName)
        {
            throw new ValidationException("target", $"no such cluster node '{target}'");
        }
        var id = new VmId((int)newId!.Value);
        var checker = await VmAccessChecker.LoadAsync(guard, request.Caller, storages, http.RequestAborted);
        checker.Require($"/vms/{id}", "VM.Allocate");
        // Proxmox's clone: space on the target storage for every disk copied, and the source's CPU model.
        var source = (await vms.GetConfigAsync(request.VmId, http.RequestAborted)).Document;
        var sourceConfig = clone.Snapshot is not null && source.Snapshots.TryGetValue(clone.Snapshot, out var snapshot) ? snapshot.Config : source.Config;
        checker.CheckCloneStorage(sourceConfig, clone.Storage);
        checker.CheckCpuModel(sourceConfig.GetValueOrDefault("cpu"), existingCpu: null);
        var upid = await vms.CloneAsync(request.VmId, id, clone, request.Caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    public static async Task<IResult> TemplateAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Allocate");
        request.Params.String("disk");
        request.Params.Validate();
        var upid = await vms.ConvertToTemplateAsync(request.VmId, request.Caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }
}
