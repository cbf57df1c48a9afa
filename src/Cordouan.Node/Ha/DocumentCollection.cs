using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;

namespace Cordouan.Node.Ha;

/// <summary>
/// JSON documents of one kind under an etcd prefix. Creates and updates are compare-and-swaps on the revision read,
/// so a concurrent writer is detected (<see cref="ConfigConflictException"/>), never silently overwritten.
/// </summary>
public sealed class DocumentCollection<T>(IClusterStore store, string prefix, JsonTypeInfo<T> json)
{
    public async Task<IReadOnlyList<VersionedDocument<T>>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = await store.ListAsync(prefix, cancellationToken);
        return entries.Select(ToVersioned).ToList();
    }

    public async Task<VersionedDocument<T>?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(prefix + name, cancellationToken);
        return entry is null ? null : ToVersioned(entry);
    }

    /// <summary>Creates the document unless one exists under that name; false when it existed.</summary>
    public async Task<bool> TryCreateAsync(string name, T document, CancellationToken cancellationToken) =>
        (await store.CompareAndPutAsync(prefix + name, 0, JsonSerializer.SerializeToUtf8Bytes(document, json), cancellationToken)).Succeeded;

    /// <summary>Writes a new version over <paramref name="current"/>; throws <see cref="ConfigConflictException"/> if someone wrote since.</summary>
    public async Task<VersionedDocument<T>> UpdateAsync(VersionedDocument<T> current, T next, CancellationToken cancellationToken)
    {
        var result = await store.CompareAndPutAsync(current.Key, current.Revision, JsonSerializer.SerializeToUtf8Bytes(next, json), cancellationToken);
        return result.Succeeded ? new VersionedDocument<T>(next, result.Revision, current.Key) : throw new ConfigConflictException();
    }

    /// <summary>Puts the document whatever was there (runtime state that one writer owns).</summary>
    public Task PutAsync(string name, T document, CancellationToken cancellationToken) =>
        store.PutAsync(prefix + name, JsonSerializer.SerializeToUtf8Bytes(document, json), cancellationToken);

    /// <summary>Deletes <paramref name="current"/> unless someone wrote since; false when it changed or was gone.</summary>
    public async Task<bool> TryDeleteAsync(VersionedDocument<T> current, CancellationToken cancellationToken) =>
        (await store.CompareAndDeleteAsync(current.Key, current.Revision, cancellationToken)).Succeeded;

    private VersionedDocument<T> ToVersioned(StoreEntry entry) =>
        new(JsonSerializer.Deserialize(entry.Value, json)!, entry.ModRevision, entry.Key);
}
