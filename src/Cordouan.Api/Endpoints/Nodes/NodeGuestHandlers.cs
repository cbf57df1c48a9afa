using Cordouan.Access;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Api.Schema;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Guests;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Nodes;

/// <summary>
/// <c>POST /nodes/{node}/startall|stopall|migrateall</c>: Proxmox's bulk guest actions, each a task of that type.
/// Every user may call them (the facts say <c>all</c>); the handler then demands, as Proxmox does, the privilege on
/// <c>/</c>, or on <c>/vms/&lt;ID&gt;</c> for each VM named in <c>vms</c>.
/// </summary>
public static class NodeGuestHandlers
{
    public static async Task<IResult> StartAllAsync(HttpContext http, string node, NodeIdentity identity, NodeGuests guests, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var force = reader.Boolean("force") ?? false;
        var only = VmList(reader.String("vms"));
        var maxWorkers = (int?)reader.Integer("max-workers", 1, 64);
        reader.Validate();
        var caller = http.GetCaller();
        await RequireAsync(guard, caller, "VM.PowerMgmt", only, http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        var upid = await guests.StartAllAsync(force, only, maxWorkers ?? NodeGuests.DefaultMaxWorkers(Environment.ProcessorCount), caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    public static async Task<IResult> StopAllAsync(HttpContext http, string node, NodeIdentity identity, NodeGuests guests, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var only = VmList(reader.String("vms"));
        var forceStop = reader.Boolean("force-stop") ?? true;
        var timeout = (int?)reader.Integer("timeout", 0, 7200) ?? NodeGuests.DefaultStopTimeoutSeconds;
        var maxWorkers = (int?)reader.Integer("max-workers", 1, 64);
        reader.Validate();
        var caller = http.GetCaller();
        await RequireAsync(guard, caller, "VM.PowerMgmt", only, http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        var upid = await guests.StopAllAsync(only, timeout, forceStop, maxWorkers ?? NodeGuests.DefaultMaxWorkers(Environment.ProcessorCount), caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    public static async Task<IResult> MigrateAllAsync(HttpContext http, string node, NodeIdentity identity, NodeGuests guests, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var target = reader.RequiredString("target");
        var only = VmList(reader.String("vms"));
        var withLocalDisks = reader.Boolean("with-local-disks");
        var maxWorkers = (int?)(reader.Integer("max-workers", 1, 64) ?? reader.Integer("maxworkers", 1, 64));
        reader.Validate();
        var caller = http.GetCaller();
        await RequireAsync(guard, caller, "VM.Migrate", only, http.RequestAborted);
        NodeEndpoints.EnsureLocal(node, identity);
        // Proxmox demands max-workers or datacenter.cfg's max_workers; Cordouan has no datacenter.cfg, so startall's default applies.
        var upid = await guests.MigrateAllAsync(target, withLocalDisks, only, maxWorkers ?? NodeGuests.DefaultMaxWorkers(Environment.ProcessorCount), caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    /// <summary>Proxmox's check: the privilege on <c>/</c>, else on every named VM; without named VMs, a refusal naming <c>/</c>.</summary>
    private static async Task RequireAsync(IAccessGuard guard, AccessIdentity caller, string privilege, HashSet<VmId>? only, CancellationToken cancellationToken)
    {
        if (await guard.HasAsync(caller, "/", privilege, cancellationToken))
        {
            return;
        }
        if (only is null || only.Count == 0)
        {
            throw new PermissionDeniedException("/", privilege);
        }
        foreach (var vmid in only.Order())
        {
            await guard.RequireAsync(caller, $"/vms/{vmid}", privilege, cancellationToken);
        }
    }

    /// <summary>The <c>vms</c> list (the schema already checked each is a VMID), null when absent.</summary>
    private static HashSet<VmId>? VmList(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var ids = new HashSet<VmId>();
        foreach (var item in PermissionEvaluator.SplitList(text))
        {
            if (!VmId.TryParse(item, out var id))
            {
                throw new ValidationException("vms", "value does not look like a valid VM ID");
            }
            ids.Add(id);
        }
        return ids;
    }
}
