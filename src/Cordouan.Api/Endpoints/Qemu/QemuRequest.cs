using Cordouan.Access;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>
/// What every <c>/nodes/{node}/qemu/{vmid}</c> handler starts with: the VM id, the parameters, the caller, the declared
/// privilege check (one of <c>anyOf</c> on <c>/vms/{vmid}</c>, as Proxmox's <c>check =&gt; ['perm', …, 'any', 1]</c>).
/// </summary>
public sealed record QemuRequest(VmId VmId, ParamReader Params, AccessIdentity Caller)
{
    public static async Task<QemuRequest> ReadAsync(HttpContext http, NodeIdentity node, IAccessGuard guard, string nodeName, string vmid, params string[] anyOf)
    {
        if (!VmId.TryParse(vmid, out var id))
        {
            throw new ValidationException("vmid", $"invalid format - value '{vmid}' is not a valid VM id (100..999999999)");
        }
        var caller = http.GetCaller();
        if (anyOf.Length == 1)
        {
            await guard.RequireAsync(caller, $"/vms/{id}", anyOf[0], http.RequestAborted);
        }
        else
        {
            var allowed = await guard.ForCallerAsync(caller, http.RequestAborted);
            if (!anyOf.Any(p => allowed($"/vms/{id}", p)))
            {
                throw new PermissionDeniedException($"/vms/{id}", string.Join('|', anyOf));
            }
        }
        if (nodeName != node.NodeName)
        {
            throw new VmNotFoundException(id, nodeName);
        }
        var parameters = await PveParameters.ReadAsync(http.Request, http.RequestAborted);
        var pathValues = new Dictionary<string, string> { ["node"] = nodeName, ["vmid"] = vmid };
        return new QemuRequest(id, new ParamReader(parameters, pathValues), caller);
    }
}
