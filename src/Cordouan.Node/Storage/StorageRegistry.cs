using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cordouan.Node.Storage;

/// <summary>Storage definitions (cluster-wide, in etcd) and the plugin that serves each type.</summary>
public sealed class StorageRegistry(IClusterStore store, IServiceProvider services)
{
    public async Task<IReadOnlyList<StorageDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = await store.ListAsync(ClusterKeys.StoragePrefix, cancellationToken);
        return entries.Select(e => JsonSerializer.Deserialize(e.Value, StateJsonContext.Default.StorageDefinition)!).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<StorageDefinition> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(ClusterKeys.Storage(id), cancellationToken)
            ?? throw new NotFoundException($"storage '{id}' does not exist");
        return JsonSerializer.Deserialize(entry.Value, StateJsonContext.Default.StorageDefinition)!;
    }

    /// <summary>Adds a storage unless one with that id exists; returns false when it existed.</summary>
    public async Task<bool> TryAddAsync(StorageDefinition definition, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(definition, StateJsonContext.Default.StorageDefinition);
        var result = await store.CompareAndPutAsync(ClusterKeys.Storage(definition.Id), 0, bytes, cancellationToken);
        return result.Succeeded;
    }

    /// <summary>Removes a storage definition (its volumes stay on disk, as in Proxmox); false when it did not exist.</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(ClusterKeys.Storage(id), cancellationToken);
        return entry is not null && (await store.CompareAndDeleteAsync(ClusterKeys.Storage(id), entry.ModRevision, cancellationToken)).Succeeded;
    }

    public IStoragePlugin PluginFor(StorageDefinition definition) =>
        services.GetKeyedService<IStoragePlugin>(definition.Type)
        ?? throw new CordouanException($"storage '{definition.Id}': type '{definition.Type}' is not supported on this node");
}
