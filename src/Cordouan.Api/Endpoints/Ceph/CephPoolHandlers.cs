using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Storage;
using Cordouan.Api.Http;
using Cordouan.Core.Ceph;
using Cordouan.Core.Errors;
using Cordouan.Node.Ceph;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Ceph;

/// <summary>Pools: list, create (task <c>cephcreatepool</c>, optionally adding an rbd storage), show, destroy (task <c>cephdestroypool</c>).</summary>
public static class CephPoolHandlers
{
    public static async Task<IResult> ListAsync(HttpContext http, string node, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        (await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Audit)).Params.Validate();
        var items = new JsonArray();
        foreach (var pool in await ceph.Cluster.ListPoolsAsync(http.RequestAborted))
        {
            items.Add(Item(pool));
        }
        return PveResult.List(items);
    }

    public static async Task<IResult> GetAsync(HttpContext http, string node, string name, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        var request = await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Audit, new() { ["name"] = name });
        request.Params.Boolean("verbose");
        request.Params.Validate();
        var pool = (await ceph.Cluster.ListPoolsAsync(http.RequestAborted)).FirstOrDefault(p => p.Name == name)
            ?? throw new ValidationException("name", $"no such pool '{name}'");
        var item = Item(pool);
        item["id"] = pool.Id;
        item["name"] = pool.Name;
        item["application"] = pool.Applications.Count > 0 ? pool.Applications[0] : null;
        return PveResult.Ok(item);
    }

    public static async Task<IResult> CreateAsync(HttpContext http, string node, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        var request = await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Modify);
        var p = request.Params;
        var name = p.RequiredString("name");
        var size = p.Integer("size", 1, 7) ?? 3;
        var minSize = p.Integer("min_size", 1, 7) ?? 2;
        var pgNum = p.Integer("pg_num", 1, 32768) ?? 128;
        var mode = p.Enum("pg_autoscale_mode", ["on", "off", "warn"]) ?? "warn";
        var application = p.Enum("application", ["rbd", "cephfs", "rgw"]) ?? "rbd";
        var addStorages = p.Boolean("add_storages") ?? false;
        if (addStorages && name.Length > 0 && !StorageDefinitionReader.IsValidStorageId(name))
        {
            p.AddError("add_storages", $"pool name '{name}' is not a valid storage ID (a letter first, then letters, digits, '-', '_', '.'): create the pool without add_storages and add the storage with another ID");
        }
        foreach (var unsupported in new[] { "crush_rule", "erasure-coding", "pg_num_min", "target_size", "target_size_ratio" })
        {
            if (p.String(unsupported) is not null)
            {
                p.AddError(unsupported, "not supported yet");
            }
        }
        if (name.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9][A-Za-z0-9_.-]*$"))
        {
            p.AddError("name", $"invalid format - pool name '{name}' may hold only letters, digits, '_', '.', '-'");
        }
        if (minSize > size)
        {
            p.AddError("min_size", $"min_size ({minSize}) must not exceed size ({size})");
        }
        p.Validate();
        var spec = new CephPoolSpec { Name = name, Size = (int)size, MinSize = (int)minSize, PgNum = (int)pgNum, AutoscaleMode = mode, Application = application };
        return PveResult.Ok((await ceph.CreatePoolAsync(spec, addStorages, request.Caller.Name, http.RequestAborted)).ToString());
    }

    public static async Task<IResult> DestroyAsync(HttpContext http, string node, string name, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        var request = await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Modify, new() { ["name"] = name });
        var force = request.Params.Boolean("force") ?? false;
        var removeStorages = request.Params.Boolean("remove_storages") ?? false;
        request.Params.Boolean("remove_ecprofile");
        request.Params.Validate();
        return PveResult.Ok((await ceph.DestroyPoolAsync(name, force, removeStorages, request.Caller.Name, http.RequestAborted)).ToString());
    }

    private static JsonObject Item(CephPoolInfo pool)
    {
        var applications = new JsonObject();
        foreach (var app in pool.Applications)
        {
            applications[app] = new JsonObject();
        }
        return new JsonObject
        {
            ["pool"] = pool.Id,
            ["pool_name"] = pool.Name,
            ["size"] = pool.Size,
            ["min_size"] = pool.MinSize,
            ["pg_num"] = pool.PgNum,
            ["crush_rule"] = pool.CrushRule,
            ["crush_rule_name"] = pool.CrushRuleName,
            ["pg_autoscale_mode"] = pool.AutoscaleMode,
            ["bytes_used"] = pool.BytesUsed,
            ["percent_used"] = pool.PercentUsed,
            ["application_metadata"] = applications,
        };
    }
}
