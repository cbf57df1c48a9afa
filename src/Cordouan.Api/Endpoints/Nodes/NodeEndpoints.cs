using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Cluster;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Node.Cluster;
using Cordouan.Node.Hosting;
using Cordouan.Node.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Nodes;

/// <summary><c>GET /nodes</c> and <c>GET /nodes/{node}/status</c> (spec §3); the maintenance extension (<see cref="NodeMaintenanceHandlers"/>).</summary>
public static class NodeEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api2/json/nodes", ListAsync);
        app.MapGet("/api2/json/nodes/{node}", IndexAsync);
        app.MapGet("/api2/json/nodes/{node}/status", StatusAsync);
        app.MapGet("/api2/json/nodes/{node}/maintenance", NodeMaintenanceHandlers.GetAsync);
        app.MapPost("/api2/json/nodes/{node}/maintenance", NodeMaintenanceHandlers.EnterAsync);
        app.MapDelete("/api2/json/nodes/{node}/maintenance", NodeMaintenanceHandlers.ExitAsync);
        app.MapGet("/api2/json/nodes/{node}/network", NodeNetworkHandlers.ListAsync);
        app.MapPost("/api2/json/nodes/{node}/network", NodeNetworkHandlers.CreateAsync);
        app.MapPut("/api2/json/nodes/{node}/network", NodeNetworkHandlers.ApplyAsync);
        app.MapDelete("/api2/json/nodes/{node}/network", NodeNetworkHandlers.RevertAsync);
        app.MapGet("/api2/json/nodes/{node}/network/{iface}", NodeNetworkHandlers.GetAsync);
        app.MapPut("/api2/json/nodes/{node}/network/{iface}", NodeNetworkHandlers.UpdateAsync);
        app.MapDelete("/api2/json/nodes/{node}/network/{iface}", NodeNetworkHandlers.DeleteAsync);
        app.MapGet("/api2/json/nodes/{node}/network/{iface}/leases", NodeNetworkHandlers.LeasesAsync);
        app.MapGet("/api2/json/nodes/{node}/config", NodeConfigHandlers.GetAsync);
        app.MapPut("/api2/json/nodes/{node}/config", NodeConfigHandlers.UpdateAsync);
        app.MapPost("/api2/json/nodes/{node}/startall", NodeGuestHandlers.StartAllAsync);
        app.MapPost("/api2/json/nodes/{node}/stopall", NodeGuestHandlers.StopAllAsync);
        app.MapPost("/api2/json/nodes/{node}/migrateall", NodeGuestHandlers.MigrateAllAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ClusterView cluster, NodeStatusReader reader, NodeIdentity identity)
    {
        (await ParamReader.ReadAsync(http)).Validate();
        var items = new JsonArray();
        foreach (var node in (await cluster.GetStatusAsync(http.RequestAborted)).Nodes)
        {
            var item = NodeJson.Item(node, node.Local ? reader.Read() : null);
            item["id"] = $"node/{node.Name}";
            item["type"] = "node";
            if (node.Local && identity.SslFingerprint is not null)
            {
                item["ssl_fingerprint"] = identity.SslFingerprint;
            }
            items.Add(item);
        }
        return PveResult.List(items);
    }

    private static async Task<IResult> IndexAsync(HttpContext http, string node, NodeIdentity identity)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node })).Validate();
        EnsureLocal(node, identity);
        var items = new JsonArray();
        foreach (var sub in new[] { "ceph", "config", "maintenance", "migrateall", "network", "qemu", "startall", "status", "stopall", "storage", "tasks" })
        {
            items.Add(new JsonObject { ["name"] = sub });
        }
        return PveResult.List(items);
    }

    private static async Task<IResult> StatusAsync(HttpContext http, string node, NodeIdentity identity, NodeStatusReader reader, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node })).Validate();
        await guard.RequireAsync(http.GetCaller(), $"/nodes/{node}", "Sys.Audit", http.RequestAborted);
        EnsureLocal(node, identity);
        var host = reader.Read();
        return PveResult.Ok(new JsonObject
        {
            ["uptime"] = host.UptimeSeconds,
            ["idle"] = 0,
            ["cpu"] = host.Cpu,
            ["wait"] = 0,
            ["loadavg"] = new JsonArray(host.LoadAverage.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            ["kversion"] = $"Linux {host.KernelRelease} {host.KernelVersion}",
            ["pveversion"] = $"pve-manager/{VersionEndpoints.PveVersion}/{VersionEndpoints.RepoId}",
            ["cpuinfo"] = new JsonObject
            {
                ["model"] = host.CpuModel,
                ["cpus"] = host.Cpus,
                ["sockets"] = 1,
                ["cores"] = host.Cpus,
                ["mhz"] = "0",
                ["hvm"] = File.Exists("/dev/kvm") ? "1" : "0",
                ["flags"] = "",
                ["user_hz"] = 100,
            },
            ["memory"] = new JsonObject
            {
                ["total"] = host.MemoryTotal,
                ["used"] = host.MemoryTotal - host.MemoryAvailable,
                ["free"] = host.MemoryAvailable,
                ["available"] = host.MemoryAvailable,
            },
            ["swap"] = new JsonObject { ["total"] = host.SwapTotal, ["used"] = host.SwapTotal - host.SwapFree, ["free"] = host.SwapFree },
            ["ksm"] = new JsonObject { ["shared"] = 0 },
            ["rootfs"] = new JsonObject
            {
                ["total"] = host.RootTotal,
                ["used"] = host.RootTotal - host.RootAvailable,
                ["avail"] = host.RootAvailable,
                ["free"] = host.RootAvailable,
            },
            ["current-kernel"] = new JsonObject
            {
                ["sysname"] = "Linux",
                ["release"] = host.KernelRelease,
                ["version"] = host.KernelVersion,
                ["machine"] = "x86_64",
            },
            ["boot-info"] = new JsonObject { ["mode"] = Directory.Exists("/sys/firmware/efi") ? "efi" : "legacy-bios" },
        });
    }

    /// <summary>Single-node for now: a request for another node is an error until request proxying lands with the cluster.</summary>
    public static void EnsureLocal(string node, NodeIdentity identity)
    {
        if (node != identity.NodeName)
        {
            throw new NotFoundException($"no such cluster node '{node}'");
        }
    }
}
