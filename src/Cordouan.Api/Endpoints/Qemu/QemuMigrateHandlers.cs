using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Node.Hosting;
using Cordouan.Node.Vms.Migration;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Qemu;

/// <summary>Migration precheck and migration, offline or live (spec §5.5).</summary>
public static class QemuMigrateHandlers
{
    /// <summary><c>GET …/{vmid}/migrate</c>.</summary>
    public static async Task<IResult> PrecheckAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmMigrator migrator, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Migrate");
        var target = request.Params.String("target");
        request.Params.Validate();
        var check = await migrator.PrecheckAsync(request.VmId, target, http.RequestAborted);
        var notAllowed = new JsonObject();
        foreach (var (name, storages) in check.NotAllowedNodes)
        {
            notAllowed[name] = new JsonObject { ["unavailable_storages"] = Strings(storages) };
        }
        var localDisks = new JsonArray();
        foreach (var disk in check.LocalDisks)
        {
            localDisks.Add(new JsonObject
            {
                ["volid"] = disk.Volume.ToString(),
                ["size"] = disk.SizeBytes,
                ["cdrom"] = disk.IsCdrom ? 1 : 0,
                ["is_unused"] = disk.IsUnused ? 1 : 0,
            });
        }
        return PveResult.Ok(new JsonObject
        {
            ["running"] = check.Running ? 1 : 0,
            ["allowed_nodes"] = Strings(check.AllowedNodes),
            ["not_allowed_nodes"] = notAllowed,
            ["local_disks"] = localDisks,
            ["local_resources"] = Strings(check.LocalResources),
            ["mapped-resources"] = new JsonArray(),
            ["has-dbus-vmstate"] = 0,
        });
    }

    /// <summary><c>POST …/{vmid}/migrate</c> → UPID of the <c>qmigrate</c> task on this (the source) node.</summary>
    public static async Task<IResult> MigrateAsync(HttpContext http, string node, string vmid, NodeIdentity identity, VmMigrator migrator, IAccessGuard guard)
    {
        var request = await QemuRequest.ReadAsync(http, identity, guard, node, vmid, "VM.Migrate");
        var p = request.Params;
        var target = p.RequiredString("target");
        var online = p.Boolean("online") ?? false;
        var withLocalDisks = p.Boolean("with-local-disks") ?? false;
        var targetStorage = p.String("targetstorage");
        var bwlimit = p.Integer("bwlimit", 0, int.MaxValue);
        var force = p.Boolean("force") ?? false;
        // Extensions: QEMU's downtime limit (ms), auto-converge (default on) and permission to switch to post-copy.
        var downtime = p.Integer("migration_downtime", 1, 60_000);
        var autoConverge = p.Boolean("autoconverge") ?? true;
        var postcopy = p.Boolean("postcopy") ?? false;
        p.Enum("migration_type", ["secure", "insecure"]);
        // Accepted for compatibility; peers are reached at their node address until migration networks exist.
        p.String("migration_network");
        p.Validate();
        var migration = new MigrationRequest(target)
        {
            Online = online,
            WithLocalDisks = withLocalDisks,
            TargetStorage = TargetStorageMap.Parse(targetStorage),
            BandwidthLimitKiBps = bwlimit,
            AutoConverge = autoConverge,
            AllowPostcopy = postcopy,
        };
        if (downtime is { } ms)
        {
            migration = migration with { MaxDowntime = TimeSpan.FromMilliseconds(ms) };
        }
        var upid = await migrator.MigrateAsync(request.VmId, migration, force, request.Caller.Name, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
