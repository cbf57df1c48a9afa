using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Qemu.Permissions;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Config;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>List, create, delete and the directory index of a VM.</summary>
public static class QemuListHandlers
{
    private static readonly HashSet<string> CreateOnly =
    [
        "vmid", "node", "start", "pool", "storage", "unique", "archive", "force", "bwlimit", "live-restore", "import-working-storage", "ha-managed",
    ];

    public static async Task<IResult> ListAsync(HttpContext http, string node, NodeIdentity identity, VmService vms, IAccessGuard guard, TimeProvider time)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        reader.Boolean("full");
        reader.Validate();
        var allowed = await guard.ForCallerAsync(http.GetCaller(), http.RequestAborted);
        var items = new JsonArray();
        if (node == identity.NodeName)
        {
            foreach (var (vm, runtime) in await vms.ListOwnedAsync(http.RequestAborted))
            {
                if (allowed($"/vms/{vm.Document.VmId}", "VM.Audit"))
                {
                    items.Add(VmProjection.Summary(vm.Document, runtime, time.GetUtcNow()));
                }
            }
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> CreateAsync(HttpContext http, string node, NodeIdentity identity, VmService vms, StorageRegistry storages, IAccessGuard guard)
    {
        var parameters = await PveParameters.ReadAsync(http.Request, http.RequestAborted);
        var reader = new ParamReader(parameters, new Dictionary<string, string> { ["node"] = node });
        var vmid = reader.Integer("vmid", Core.Ids.VmId.Min, Core.Ids.VmId.Max, required: true);
        var start = reader.Boolean("start") ?? false;
        var storage = reader.String("storage");
        reader.Accept(CreateOnly);
        var config = parameters.Except(CreateOnly);
        reader.Accept(config.Keys);
        reader.Validate();
        var id = new VmId((int)vmid!.Value);
        var caller = http.GetCaller();
        var checker = await VmAccessChecker.LoadAsync(guard, caller, storages, http.RequestAborted);
        if (storage is not null)
        {
            checker.RequireAllocateSpace("storage", storage);
        }
        if (start)
        {
            checker.Require($"/vms/{id}", "VM.PowerMgmt");
        }
        checker.Require($"/vms/{id}", "VM.Allocate");
        if (node != identity.NodeName)
        {
            throw new NotFoundException($"no such cluster node '{node}'");
        }
        // Proxmox's create: every disk's storage and volume, each key's privilege, the devices, the CPU model.
        ConfigValidator.ValidateAll(config);
        await checker.CheckStorageAccessAsync(id, config, storage, http.RequestAborted);
        checker.CheckKeys(id, config.Keys);
        checker.CheckCreateValues(id, config);
        checker.CheckCpuModel(config.GetValueOrDefault("cpu"), existingCpu: null);
        var upid = await vms.CreateAsync(id, config, start, http.GetCaller().Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Allocate");
        var purge = request.Params.Boolean("purge") ?? false;
        var unreferenced = request.Params.Boolean("destroy-unreferenced-disks") ?? false;
        var skipLock = request.Params.Boolean("skiplock") ?? false;
        request.Params.Validate();
        var upid = await vms.DeleteAsync(request.VmId, purge, unreferenced, skipLock, request.Caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    public static async Task<IResult> IndexAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Audit");
        request.Params.Validate();
        await vms.GetConfigAsync(request.VmId, http.RequestAborted);
        var items = new JsonArray();
        foreach (var sub in new[] { "config", "pending", "status", "snapshot", "clone", "template", "resize", "feature", "serialwebsocket" })
        {
            items.Add(new JsonObject { ["subdir"] = sub });
        }
        return PveResult.List(items);
    }
}
