using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Node.Hosting;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary><c>POST …/{vmid}/move_disk</c> (spec §5.5): one disk to another storage, online or offline → UPID <c>qmmove</c>.</summary>
public static class QemuMoveDiskHandler
{
    public static async Task<IResult> MoveAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Config.Disk");
        var p = request.Params;
        var disk = p.RequiredString("disk");
        var storage = p.String("storage");
        var format = p.Enum("format", ["raw", "qcow2", "vmdk"]);
        var delete = p.Boolean("delete") ?? false;
        var bwlimit = p.Integer("bwlimit", minimum: 0);
        var digest = p.String("digest");
        // Reassigning a disk to another VM is a different operation Cordouan does not offer yet.
        foreach (var reassign in new[] { "target-vmid", "target-disk", "target-digest" })
        {
            if (p.String(reassign) is not null)
            {
                p.AddError(reassign, "moving a disk to another VM is not supported");
            }
        }
        if (storage is null)
        {
            p.AddError("storage", "property is missing and it is not optional");
        }
        p.Validate();
        await guard.RequireAsync(request.Caller, $"/storage/{storage}", "Datastore.AllocateSpace", http.RequestAborted);
        var move = new MoveDiskRequest(disk, storage!, format, delete, bwlimit, digest);
        var upid = await vms.MoveDiskAsync(request.VmId, move, request.Caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }
}
