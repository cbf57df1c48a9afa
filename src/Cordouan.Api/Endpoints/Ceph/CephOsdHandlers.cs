using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Node.Ceph;
using Cordouan.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Endpoints.Ceph;

/// <summary>OSDs: the tree, create on a device (task <c>cephcreateosd</c>), destroy, in/out.</summary>
public static class CephOsdHandlers
{
    private static readonly string[] NotYet = ["db_dev", "db_dev_size", "wal_dev", "wal_dev_size", "encrypted", "crush-device-class", "osds-per-device"];

    /// <summary>Proxmox's shape: <c>{root: {children: [hosts {children: [osds]}]}, flags}</c>.</summary>
    public static async Task<IResult> TreeAsync(HttpContext http, string node, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        (await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Audit)).Params.Validate();
        var osds = await ceph.Cluster.ListOsdsAsync(http.RequestAborted);
        var hosts = new JsonArray();
        foreach (var group in osds.GroupBy(o => o.Host ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var children = new JsonArray();
            foreach (var osd in group)
            {
                children.Add(new JsonObject
                {
                    ["id"] = osd.Id,
                    ["name"] = $"osd.{osd.Id.ToString(CultureInfo.InvariantCulture)}",
                    ["type"] = "osd",
                    ["leaf"] = 1,
                    ["host"] = osd.Host,
                    ["status"] = osd.Up ? "up" : "down",
                    ["in"] = osd.In ? 1 : 0,
                    ["crush_weight"] = osd.CrushWeight,
                    ["device_class"] = osd.DeviceClass,
                    ["total_space"] = osd.TotalBytes,
                    ["bytes_used"] = osd.UsedBytes,
                    ["percent_used"] = osd.TotalBytes == 0 ? 0 : 100.0 * osd.UsedBytes / osd.TotalBytes,
                });
            }
            hosts.Add(new JsonObject { ["name"] = group.Key, ["type"] = "host", ["leaf"] = 0, ["children"] = children });
        }
        var root = new JsonObject { ["name"] = "default", ["type"] = "root", ["leaf"] = 0, ["children"] = hosts };
        return PveResult.Ok(new JsonObject { ["root"] = new JsonObject { ["leaf"] = 0, ["children"] = new JsonArray(root) }, ["flags"] = "" });
    }

    public static async Task<IResult> CreateAsync(HttpContext http, string node, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        var request = await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Modify);
        var p = request.Params;
        var dev = p.RequiredString("dev");
        // Extension: wipe a device that has a partition table or an old OSD on it.
        var zap = p.Boolean("zap") ?? false;
        foreach (var name in NotYet)
        {
            if (p.String(name) is not null)
            {
                p.AddError(name, "not supported yet: OSDs use one whole device, without a separate DB/WAL device or encryption");
            }
        }
        if (dev.Length > 0 && !dev.StartsWith("/dev/", StringComparison.Ordinal))
        {
            p.AddError("dev", $"'{dev}' is not a device path (/dev/…)");
        }
        p.Validate();
        return PveResult.Ok((await ceph.CreateOsdAsync(dev, zap, request.Caller.Name, http.RequestAborted)).ToString());
    }

    public static async Task<IResult> DestroyAsync(HttpContext http, string node, string osdid, NodeIdentity identity, IAccessGuard guard, CephService ceph)
    {
        var request = await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Modify, new() { ["osdid"] = osdid });
        var cleanup = request.Params.Boolean("cleanup") ?? false;
        var id = ParseId(request.Params, osdid);
        request.Params.Validate();
        return PveResult.Ok((await ceph.DestroyOsdAsync(id, cleanup, request.Caller.Name, http.RequestAborted)).ToString());
    }

    public static Task<IResult> InAsync(HttpContext http, string node, string osdid, NodeIdentity identity, IAccessGuard guard, CephService ceph) =>
        SetInAsync(http, node, osdid, identity, guard, ceph, markIn: true);

    public static Task<IResult> OutAsync(HttpContext http, string node, string osdid, NodeIdentity identity, IAccessGuard guard, CephService ceph) =>
        SetInAsync(http, node, osdid, identity, guard, ceph, markIn: false);

    private static async Task<IResult> SetInAsync(HttpContext http, string node, string osdid, NodeIdentity identity, IAccessGuard guard, CephService ceph, bool markIn)
    {
        var request = await CephRequest.ReadAsync(http, identity, guard, node, CephRequest.Modify, new() { ["osdid"] = osdid });
        var id = ParseId(request.Params, osdid);
        request.Params.Validate();
        await ceph.Cluster.SetOsdInAsync(id, markIn, http.RequestAborted);
        return PveResult.Ok((string?)null);
    }

    private static int ParseId(ParamReader p, string osdid)
    {
        if (!int.TryParse(osdid, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            p.AddError("osdid", $"type check ('integer') failed - got '{osdid}'");
        }
        return id;
    }
}
