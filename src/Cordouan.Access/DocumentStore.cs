using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;

namespace Cordouan.Access;

/// <summary>JSON (de)serialisation of access documents and the bounded retry used by read-modify-write updates.</summary>
internal static class DocumentStore
{
    /// <summary>How many times a read-modify-write is retried after losing a compare-and-swap.</summary>
    public const int MaxAttempts = 10;

    public static async Task<StoredDocument<T>?> ReadAsync<T>(IClusterStore store, string key, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var entry = await store.GetAsync(key, cancellationToken);
        return entry is null ? null : new StoredDocument<T>(Deserialize(entry, typeInfo), entry.ModRevision);
    }

    public static T Deserialize<T>(StoreEntry entry, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(entry.Value, typeInfo)
        ?? throw new CordouanException($"Failed to read access document {entry.Key}: empty document");

    public static byte[] Serialize<T>(T document, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(document, typeInfo);

    /// <summary>Runs <paramref name="attempt"/> until it reports success, at most <see cref="MaxAttempts"/> times.</summary>
    public static async Task<T> RetryOnConflictAsync<T>(Func<CancellationToken, Task<(bool Succeeded, T Result)>> attempt, CancellationToken cancellationToken)
    {
        for (var i = 0; i < MaxAttempts; i++)
        {
            var (succeeded, result) = await attempt(cancellationToken);
            if (succeeded)
            {
                return result;
            }
        }
        throw new ConfigConflictException();
    }
}
