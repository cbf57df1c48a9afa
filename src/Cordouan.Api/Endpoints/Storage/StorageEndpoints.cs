using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cordouan.Api.Auth;
using Cordouan.Api.Endpoints.Nodes;
using Cordouan.Api.Http;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Storage;
using Cordouan.Node.Hosting;
using Cordouan.Node.Storage;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cordouan.Api.Endpoints.Storage;

/// <summary>Storage configuration (<c>/storage</c>) and per-node views (<c>/nodes/{node}/storage</c>), spec §6.</summary>
public static class StorageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api2/json/storage", ConfigListAsync);
        app.MapPost("/api2/json/storage", ConfigCreateAsync);
        app.MapGet("/api2/json/storage/{storage}", ConfigGetAsync);
        app.MapDelete("/api2/json/storage/{storage}", ConfigDeleteAsync);
        var node = app.MapGroup("/api2/json/nodes/{node}/storage");
        node.MapGet("", NodeListAsync);
        node.MapGet("/{storage}", NodeIndexAsync);
        node.MapGet("/{storage}/status", NodeStatusAsync);
        node.MapGet("/{storage}/content", ContentListAsync);
        node.MapGet("/{storage}/content/{**volume}", ContentGetAsync);
        node.MapDelete("/{storage}/content/{**volume}", ContentDeleteAsync);
    }

    private static async Task<IResult> ConfigListAsync(HttpContext http, StorageRegistry storages, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http);
        var type = reader.Enum("type", ["dir", "rbd"]);
        reader.Validate();
        var items = new JsonArray();
        foreach (var storage in await storages.ListAsync(http.RequestAborted))
        {
            if ((type is null || storage.Type == type) && await guard.HasAsync(http.GetCaller(), $"/storage/{storage.Id}", "Datastore.Audit", http.RequestAborted))
            {
                items.Add(StorageJson.Definition(storage, Digest(storage)));
            }
        }
        return PveResult.List(items);
    }

    private static async Task<IResult> ConfigGetAsync(HttpContext http, string storage, StorageRegistry storages, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["storage"] = storage })).Validate();
        await guard.RequireAsync(http.GetCaller(), $"/storage/{storage}", "Datastore.Audit", http.RequestAborted);
        var definition = await storages.GetAsync(storage, http.RequestAborted);
        return PveResult.Ok(StorageJson.Definition(definition, Digest(definition)));
    }

    /// <summary>Adds a dir or rbd storage; the plugin checks it first (an rbd pool that does not exist is a 400 on <c>pool</c>).</summary>
    private static async Task<IResult> ConfigCreateAsync(HttpContext http, StorageRegistry storages, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http);
        var id = reader.RequiredString("storage");
        var type = reader.Enum("type", ["dir", "rbd"], required: true);
        var definition = type == "rbd" ? StorageDefinitionReader.Rbd(reader, id) : StorageDefinitionReader.Dir(reader, id);
        if (!StorageDefinitionReader.IsValidStorageId(id))
        {
            reader.AddError("storage", "invalid format - storage ID '" + id + "' contains illegal characters");
        }
        reader.Validate();
        await guard.RequireAsync(http.GetCaller(), "/storage", "Datastore.Allocate", http.RequestAborted);
        await storages.PluginFor(definition).ActivateAsync(definition, http.RequestAborted);
        if (!await storages.TryAddAsync(definition, http.RequestAborted))
        {
            throw new AlreadyExistsException($"storage ID '{id}' already defined");
        }
        return PveResult.Ok(new JsonObject { ["storage"] = id, ["type"] = definition.Type });
    }

    /// <summary>Refused while a VM still references a volume on it, so no VM is left pointing at a storage that is gone.</summary>
    private static async Task<IResult> ConfigDeleteAsync(HttpContext http, string storage, StorageRegistry storages, VmRepository vms, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["storage"] = storage })).Validate();
        await guard.RequireAsync(http.GetCaller(), "/storage", "Datastore.Allocate", http.RequestAborted);
        await storages.GetAsync(storage, http.RequestAborted);
        var users = (await vms.ListAsync(http.RequestAborted))
            .Where(vm => vm.Document.Config.Values.Any(v => v.StartsWith(storage + ":", StringComparison.Ordinal)))
            .Select(vm => vm.Document.VmId)
            .ToList();
        if (users.Count > 0)
        {
            throw new VmStateException($"storage '{storage}' is still used by VM(s) {string.Join(", ", users)}");
        }
        await storages.RemoveAsync(storage, http.RequestAborted);
        return PveResult.Ok((JsonNode?)null);
    }

    private static async Task<IResult> NodeListAsync(HttpContext http, string node, NodeIdentity identity, StorageRegistry storages, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node });
        var content = reader.String("content");
        var only = reader.String("storage");
        var enabled = reader.Boolean("enabled");
        reader.String("format");
        reader.String("target");
        reader.Validate();
        NodeEndpoints.EnsureLocal(node, identity);
        var items = new JsonArray();
        foreach (var storage in await storages.ListAsync(http.RequestAborted))
        {
            if ((only is not null && storage.Id != only) || (content is not null && !StorageDefinitionReader.ListSplit(content).All(storage.Content.Contains))
                || (enabled == true && storage.Disabled) || !await guard.HasAsync(http.GetCaller(), $"/storage/{storage.Id}", "Datastore.Audit", http.RequestAborted))
            {
                continue;
            }
            var status = await storages.PluginFor(storage).StatusAsync(storage, http.RequestAborted);
            items.Add(StorageJson.Status(storage, status));
        }
        return PveResult.List(items);
    }

    private static async Task<IResult> NodeIndexAsync(HttpContext http, string node, string storage, NodeIdentity identity)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["storage"] = storage })).Validate();
        NodeEndpoints.EnsureLocal(node, identity);
        return PveResult.List([new JsonObject { ["subdir"] = "status" }, new JsonObject { ["subdir"] = "content" }]);
    }

    private static async Task<IResult> NodeStatusAsync(HttpContext http, string node, string storage, NodeIdentity identity, StorageRegistry storages, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["storage"] = storage })).Validate();
        NodeEndpoints.EnsureLocal(node, identity);
        await guard.RequireAsync(http.GetCaller(), $"/storage/{storage}", "Datastore.Audit", http.RequestAborted);
        var definition = await storages.GetAsync(storage, http.RequestAborted);
        var status = StorageJson.Status(definition, await storages.PluginFor(definition).StatusAsync(definition, http.RequestAborted));
        status.Remove("storage");
        return PveResult.Ok(status);
    }

    private static async Task<IResult> ContentListAsync(HttpContext http, string node, string storage, NodeIdentity identity, StorageRegistry storages, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["storage"] = storage });
        var content = reader.Enum("content", ["images", "iso", "vztmpl", "backup", "snippets", "import", "rootdir"]);
        var vmid = reader.Integer("vmid", VmId.Min, VmId.Max);
        reader.Validate();
        NodeEndpoints.EnsureLocal(node, identity);
        await guard.RequireAsync(http.GetCaller(), $"/storage/{storage}", "Datastore.Audit", http.RequestAborted);
        var definition = await storages.GetAsync(storage, http.RequestAborted);
        var owner = vmid is { } v ? new VmId((int)v) : (VmId?)null;
        var volumes = await storages.PluginFor(definition).ListAsync(definition, owner, http.RequestAborted);
        var items = new JsonArray(volumes.Where(v => content is null || v.Content == content).Select(v => (JsonNode?)StorageJson.Volume(v)).ToArray());
        return PveResult.List(items);
    }

    private static async Task<IResult> ContentGetAsync(HttpContext http, string node, string storage, string volume, NodeIdentity identity, StorageRegistry storages, IAccessGuard guard)
    {
        (await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["storage"] = storage, ["volume"] = volume })).Validate();
        NodeEndpoints.EnsureLocal(node, identity);
        await guard.RequireAsync(http.GetCaller(), $"/storage/{storage}", "Datastore.Audit", http.RequestAborted);
        var definition = await storages.GetAsync(storage, http.RequestAborted);
        var name = VolumeName(storage, volume);
        var plugin = storages.PluginFor(definition);
        var info = await plugin.InfoAsync(definition, name, http.RequestAborted);
        return PveResult.Ok(new JsonObject
        {
            ["path"] = plugin.PathOf(definition, name),
            ["format"] = info.Format,
            ["size"] = info.SizeBytes,
            ["used"] = info.UsedBytes,
        });
    }

    /// <summary>Deletes a volume no VM references (an attached disk is removed through the VM's config instead).</summary>
    private static async Task<IResult> ContentDeleteAsync(HttpContext http, string node, string storage, string volume, NodeIdentity identity, StorageRegistry storages, VmRepository vms, TaskManager tasks, IAccessGuard guard)
    {
        var reader = await ParamReader.ReadAsync(http, new Dictionary<string, string> { ["node"] = node, ["storage"] = storage, ["volume"] = volume });
        reader.Integer("delay", 1, 30);
        reader.Validate();
        NodeEndpoints.EnsureLocal(node, identity);
        await guard.RequireAsync(http.GetCaller(), $"/storage/{storage}", "Datastore.Allocate", http.RequestAborted);
        var definition = await storages.GetAsync(storage, http.RequestAborted);
        var name = VolumeName(storage, volume);
        var volid = $"{storage}:{name}";
        var plugin = storages.PluginFor(definition);
        await plugin.InfoAsync(definition, name, http.RequestAborted);
        var user = (await vms.ListAsync(http.RequestAborted)).FirstOrDefault(vm => vm.Document.Config.Values.Any(v => v.Split(',')[0] == volid));
        if (user is not null)
        {
            throw new VmStateException($"volume '{volid}' is used by VM {user.Document.VmId} - detach it from the VM first");
        }
        var upid = await tasks.StartAsync("imgdel", "", http.GetCaller().Name, async ctx =>
        {
            ctx.Log($"removing volume {volid}");
            await plugin.FreeAsync(definition, name, ctx.CancellationToken);
        }, http.RequestAborted);
        return PveResult.Ok(upid.ToString());
    }

    /// <summary>The volume may arrive as <c>local:100/vm-100-disk-0.qcow2</c> (a full volid, raw or %2F-encoded) or as the bare name.</summary>
    private static string VolumeName(string storage, string volume)
    {
        var name = Uri.UnescapeDataString(volume);
        return name.StartsWith(storage + ":", StringComparison.Ordinal) ? name[(storage.Length + 1)..] : name;
    }

    private static string Digest(StorageDefinition storage)
    {
        var text = $"{storage.Id}:{storage.Type}:{storage.Path}:{string.Join(',', storage.Content)}";
        if (storage.Type == "rbd")
        {
            // The keyring stays out: a digest is public.
            text += $":{storage.Pool}:{storage.MonHost}:{storage.Username}:{storage.Krbd}";
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
    }
}
