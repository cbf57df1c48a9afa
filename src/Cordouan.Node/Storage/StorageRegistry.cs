using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Cordouan.Node.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cordouan.Node.Storage;

/// <summary>
/// Storage definitions (cluster-wide, in etcd) and the plugin that serves each type. The <c>local</c> storage is, as
/// in Proxmox, each node's own directory: its path is this node's <c>DATA/storage/local</c> whatever node created it.
/// </summary>
public sealed class StorageRegistry(IClusterStore store, IServiceProvider services, NodeIdentity identity)
{
    public const string LocalStorageId = "local";

    /// <summary>This node's directory behind the <c>local</c> storage.</summary>
    public string LocalStoragePath => Path.Combine(identity.DataDirectory, "storage", "local");

    public async Task<IReadOnlyList<StorageDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = await store.ListAsync(ClusterKeys.StoragePrefix, cancellationToken);
        return entries.Select(e => Localize(JsonSerializer.Deserialize(e.Value, StateJsonContext.Default.StorageDefinition)!)).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<StorageDefinition> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(ClusterKeys.Storage(id), cancellationToken)
            ?? throw new NotFoundException($"storage '{id}' does not exist");
        return Localize(JsonSerializer.Deserialize(entry.Value, StateJsonContext.Default.StorageDefinition)!);
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

    private StorageDefinition Localize(StorageDefinition definition) =>
        definition is { Id: LocalStorageId, Type: "dir" } ? definition with { Path = LocalStoragePath, Nodes = [], Shared = false } : definition;

    /// <summary>Whether every node sees the same volumes on it: marked shared, or of a type that always is (rbd).</summary>
    public bool IsShared(StorageDefinition definition) =>
        definition.Shared || services.GetKeyedService<IStoragePlugin>(definition.Type)?.Capabilities.Shared == true;

    public IStoragePlugin PluginFor(StorageDefinition definition) =>
        services.GetKeyedService<IStoragePlugin>(definition.Type)
        ?? throw new CordouanException($"storage '{definition.Id}': type '{definition.Type}' is not supported on this node");
}
