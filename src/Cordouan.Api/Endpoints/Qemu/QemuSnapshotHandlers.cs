using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Node.Hosting;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>Snapshot tree endpoints (spec §5.6).</summary>
public static class QemuSnapshotHandlers
{
    public static async Task<IResult> ListAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Audit");
        request.Params.Validate();
        var (vm, runtime) = await vms.GetStatusAsync(request.VmId, http.RequestAborted);
        var items = new JsonArray();
        foreach (var snapshot in vm.Document.Snapshots.Values.OrderBy(s => s.SnapTime))
        {
            var item = new JsonObject { ["name"] = snapshot.Name, ["description"] = snapshot.Description, ["snaptime"] = snapshot.SnapTime, ["vmstate"] = 0 };
            if (snapshot.Parent is not null)
            {
                item["parent"] = snapshot.Parent;
            }
            items.Add(item);
        }
        var current = new JsonObject { ["name"] = "current", ["description"] = "You are here!", ["digest"] = vm.Digest, ["running"] = runtime is null ? 0 : 1 };
        if (vm.Document.Parent is not null)
        {
            current["parent"] = vm.Document.Parent;
        }
        items.Add(current);
        return PveResult.List(items);
    }

    public static async Task<IResult> CreateAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Snapshot");
        var name = request.Params.RequiredString("snapname");
        var description = request.Params.String("description") ?? "";
        if (request.Params.Boolean("vmstate") == true)
        {
            request.Params.AddError("vmstate", "saving the RAM state is not supported yet; use vmstate=0");
        }
        request.Params.Validate();
        var upid = await vms.CreateSnapshotAsync(request.VmId, name, description, request.Caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    public static async Task<IResult> IndexAsync(HttpContext http, string node, string vmid, string snapname, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Audit");
        request.Params.Accept(["snapname"]);
        request.Params.Validate();
        var vm = await vms.GetConfigAsync(request.VmId, http.RequestAborted);
        _ = vm.Document.Snapshots.GetValueOrDefault(snapname) ?? throw new NotFoundException($"snapshot '{snapname}' does not exist");
        return PveResult.List([new JsonObject { ["subdir"] = "rollback" }, new JsonObject { ["subdir"] = "config" }]);
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, string node, string vmid, string snapname, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Snapshot");
        var force = request.Params.Boolean("force") ?? false;
        request.Params.Accept(["snapname"]);
        request.Params.Validate();
        var upid = await vms.DeleteSnapshotAsync(request.VmId, snapname, force, request.Caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    public static async Task<IResult> RollbackAsync(HttpContext http, string node, string vmid, string snapname, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Snapshot", "VM.Snapshot.Rollback");
        var start = request.Params.Boolean("start") ?? false;
        request.Params.Accept(["snapname"]);
        request.Params.Validate();
        if (start)
        {
            // Proxmox: starting the VM after the rollback is power management.
            await guard.RequireAsync(request.Caller, $"/vms/{request.VmId}", "VM.PowerMgmt", http.RequestAborted);
        }
        var upid = await vms.RollbackAsync(request.VmId, snapname, start, request.Caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    public static async Task<IResult> GetConfigAsync(HttpContext http, string node, string vmid, string snapname, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Snapshot", "VM.Snapshot.Rollback", "VM.Audit");
        request.Params.Accept(["snapname"]);
        request.Params.Validate();
        var vm = await vms.GetConfigAsync(request.VmId, http.RequestAborted);
        var snapshot = vm.Document.Snapshots.GetValueOrDefault(snapname) ?? throw new NotFoundException($"snapshot '{snapname}' does not exist");
        var config = ConfigJson.ToJson(snapshot.Config);
        config["description"] = snapshot.Description;
        config["snaptime"] = snapshot.SnapTime;
        if (snapshot.Parent is not null)
        {
            config["parent"] = snapshot.Parent;
        }
        return PveResult.Ok(config);
    }

    public static async Task<IResult> PutConfigAsync(HttpContext http, string node, string vmid, string snapname, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Snapshot");
        var description = request.Params.String("description");
        request.Params.Accept(["snapname"]);
        request.Params.Validate();
        if (description is not null)
        {
            await vms.SetSnapshotDescriptionAsync(request.VmId, snapname, description, http.RequestAborted);
        }
        return PveResult.Ok((JsonNode?)null);
    }
}
