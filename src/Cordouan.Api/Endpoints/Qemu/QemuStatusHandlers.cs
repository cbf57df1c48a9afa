using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Tasks;
using Cordouan.Node.Ha;
using Cordouan.Node.Hosting;
using Cordouan.Node.Network;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary><c>status/current</c> and the power actions (spec §5.4).</summary>
public static class QemuStatusHandlers
{
    public static async Task<IResult> IndexAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Audit");
        request.Params.Validate();
        await vms.GetConfigAsync(request.VmId, http.RequestAborted);
        var items = new JsonArray();
        foreach (var sub in new[] { "current", "start", "stop", "shutdown", "reboot", "reset", "suspend", "resume" })
        {
            items.Add(new JsonObject { ["subdir"] = sub });
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> CurrentAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmService vms, HaConfigRepository ha, NodeNetworkService networks, IAccessGuard guard, TimeProvider time)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Audit");
        request.Params.Validate();
        var (vm, runtime) = await vms.GetStatusAsync(request.VmId, http.RequestAborted);
        var status = VmProjection.Summary(vm.Document, runtime, time.GetUtcNow());
        status["qmpstatus"] = runtime is null ? "stopped" : VmProjection.QmpStatus(runtime.State);
        status["ha"] = HaOf(await ha.Resources.FindAsync(HaResourceDocument.SidOf(request.VmId.Value), http.RequestAborted));
        // Extension: what the NAT bridges' DHCP leases say, so users see their VM's address without a guest agent.
        if (runtime is not null && await networks.AddressesAsync(vm.Document.Config, http.RequestAborted) is { Count: > 0 } addresses)
        {
            status["cordouan-ips"] = new JsonArray([.. addresses.Select(a => (JsonNode)new JsonObject { ["net"] = a.Net, ["mac"] = a.Mac, ["ip"] = a.Ip, ["bridge"] = a.Bridge })]);
        }
        return PveResult.Ok(status);
    }

    /// <summary>Proxmox's <c>ha</c> object: <c>{managed: 0}</c>, or <c>{managed: 1, state, group?}</c> with the requested state.</summary>
    private static JsonObject HaOf(VersionedDocument<HaResourceDocument>? resource)
    {
        if (resource?.Document is not { } managed)
        {
            return new JsonObject { ["managed"] = 0 };
        }
        var ha = new JsonObject { ["managed"] = 1, ["state"] = managed.State };
        if (managed.Group is { } group)
        {
            ha["group"] = group;
        }
        return ha;
    }

    public static async Task<IResult> ActionAsync(HttpContext http, string node, string vmid, string action, NodeIdentity identity, VmService vms, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.PowerMgmt");
        var p = request.Params;
        var skipLock = p.Boolean("skiplock") ?? false;
        var user = request.Caller.Name;
        var ct = http.RequestAborted;
        Func<Task<Upid>> run;
        switch (action)
        {
            case "start":
                p.Integer("timeout", 0, 86400);
                p.Accept(["machine", "migratedfrom", "migration_type", "migration_network", "stateuri", "targetstorage", "force-cpu"]);
                run = () => vms.StartAsync(request.VmId, skipLock, user, ct);
                break;
            case "stop":
                p.Integer("timeout", 0);
                p.Accept(["keepActive", "overrule-shutdown", "migratedfrom"]);
                run = () => vms.StopAsync(request.VmId, skipLock, user, ct);
                break;
            case "shutdown":
                var timeout = p.Integer("timeout", 0) ?? 60;
                var forceStop = p.Boolean("forceStop") ?? false;
                p.Accept(["keepActive"]);
                run = () => vms.ShutdownAsync(request.VmId, TimeSpan.FromSeconds(timeout), forceStop, skipLock, user, ct);
                break;
            case "reboot":
                var rebootTimeout = p.Integer("timeout", 0) ?? 60;
                run = () => vms.RebootAsync(request.VmId, TimeSpan.FromSeconds(rebootTimeout), user, ct);
                break;
            case "reset":
                run = () => vms.ResetAsync(request.VmId, skipLock, user, ct);
                break;
            case "suspend":
                var toDisk = p.Boolean("todisk") ?? false;
                p.String("statestorage");
                run = () => vms.SuspendAsync(request.VmId, toDisk, skipLock, user, ct);
                break;
            case "resume":
                p.Boolean("nocheck");
                run = () => vms.ResumeAsync(request.VmId, skipLock, user, ct);
                break;
            default:
                return PveResult.Error(StatusCodes.Status501NotImplemented, $"Method 'POST {http.Request.Path}' not implemented");
        }
        p.Validate();
        if (skipLock && !request.Caller.IsRoot)
        {
            throw new Core.Errors.ValidationException("skiplock", "Only root may use this option.");
        }
        return PveResult.Ok((await run()).ToString());
    }
}
