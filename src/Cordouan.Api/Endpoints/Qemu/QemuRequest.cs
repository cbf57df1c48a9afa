using Cordouan.Access;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>What every <c>/nodes/{node}/qemu/{vmid}</c> handler starts with: the VM id, the parameters, the caller, the privilege check.</summary>
public sealed record QemuRequest(VmId VmId, ParamReader Params, AccessIdentity Caller)
{
    public static async Task<QemuRequest> ReadAsync(HttpContext http, NodeIdentity node, IAccessGuard guard, string nodeName, string vmid, string privilege)
    {
        if (!VmId.TryParse(vmid, out var id))
        {
            throw new ValidationException("vmid", $"invalid format - value '{vmid}' is not a valid VM id (100..999999999)");
        }
        var caller = http.GetCaller();
        await guard.RequireAsync(caller, $"/vms/{id}", privilege, http.RequestAborted);
        if (nodeName != node.NodeName)
        {
            throw new VmNotFoundException(id, nodeName);
        }
        var parameters = await PveParameters.ReadAsync(http.Request, http.RequestAborted);
        var pathValues = new Dictionary<string, string> { ["node"] = nodeName, ["vmid"] = vmid };
        return new QemuRequest(id, new ParamReader(parameters, pathValues), caller);
    }
}
