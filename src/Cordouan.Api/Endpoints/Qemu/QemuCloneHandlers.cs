using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Hosting;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>Clone and convert-to-template (spec §5.5).</summary>
public static class QemuCloneHandlers
{
    public static async Task<IResult> CloneAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
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
        await guard.RequireAsync(request.Caller, $"/vms/{id}", "VM.Allocate", http.RequestAborted);
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
