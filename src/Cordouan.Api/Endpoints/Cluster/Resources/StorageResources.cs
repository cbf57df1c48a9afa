using System.Text.Json.Nodes;
using Cordouan.Node.Storage;

namespace Cordouan.Api.Endpoints.Cluster.Resources;

/// <summary>The <c>storage</c> items of <c>/cluster/resources</c>: this node's storages the caller may audit.</summary>
public static class StorageResources
{
    /// <summary>Appends every storage with <c>Datastore.Audit</c> on <c>/storage/{id}</c>; only those are asked for their usage.</summary>
    public static async Task AddAsync(
        ResourceListWriter list, StorageRegistry storages, Func<string, string, bool> allowed, string localNode, CancellationToken cancellationToken)
    {
        foreach (var storage in await storages.ListAsync(cancellationToken))
        {
            if (!allowed($"/storage/{storage.Id}", "Datastore.Audit"))
            {
                continue;
            }
            var usage = await storages.PluginFor(storage).StatusAsync(storage, cancellationToken);
            list.Add(new JsonObject
            {
                ["id"] = $"storage/{localNode}/{storage.Id}",
                ["type"] = "storage",
                ["storage"] = storage.Id,
                ["node"] = localNode,
                ["plugintype"] = storage.Type,
                ["status"] = usage.Active ? "available" : "unknown",
                ["shared"] = storages.IsShared(storage) ? 1 : 0,
                ["content"] = string.Join(',', storage.Content),
                ["disk"] = usage.UsedBytes,
                ["maxdisk"] = usage.TotalBytes,
            });
        }
    }
}
