using System.Security.Cryptography;
using Cordouan.Core.Cluster;
using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Tickets;

/// <summary>
/// The cluster-wide ticket keys in the store. Created on first use and rotated once <see cref="KeyLifetime"/> old (as
/// Proxmox's rotate_authkey), each by a compare-and-swap on the document's revision, so that when several nodes find the
/// key due at once exactly one rotates and the others load its result. The replaced key's public half stays in the document
/// so that tickets it signed keep working until they expire. Cached between rotations; a ticket no cached key verifies
/// triggers at most one reload per <see cref="RefreshInterval"/>, to pick up a rotation made by a node whose clock runs ahead.
/// </summary>
public sealed partial class TicketKeyStore(IClusterStore store, TimeProvider timeProvider, ILogger<TicketKeyStore> logger) : IDisposable
{
    /// <summary>How long a key signs tickets before it is replaced (Proxmox: 24 h).</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);

    /// <summary>The least time between two reloads prompted by a ticket that no cached key verifies.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private const int RsaBits = 2048;
    private const int CsrfSecretBytes = 32;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TicketKeys? _keys;
    private long _revision;
    private long _loadedAt;

    /// <summary>The keys to sign and verify with, rotating them first when the current key is due.</summary>
    internal async ValueTask<TicketKeys> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _keys) is { } cached && !IsDue(cached.Created))
        {
            return cached;
        }
        return await ReloadAsync(keys => keys is null || IsDue(keys.Created), cancellationToken);
    }

    /// <summary>
    /// Called when <paramref name="seen"/> verified nothing: the keys to retry with when the store holds newer ones
    /// (rotated elsewhere), or null when there is nothing newer or the last reload is too recent.
    /// </summary>
    internal async ValueTask<TicketKeys?> RefreshAsync(TicketKeys seen, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _keys) is { } cached && !ReferenceEquals(cached, seen))
        {
            return cached;
        }
        if (timeProvider.GetElapsedTime(Interlocked.Read(ref _loadedAt)) < RefreshInterval)
        {
            return null;
        }
        var keys = await ReloadAsync(keys => ReferenceEquals(keys, seen), cancellationToken);
        return ReferenceEquals(keys, seen) ? null : keys;
    }

    public void Dispose()
    {
        _keys?.Dispose();
        _gate.Dispose();
    }

    private bool IsDue(DateTimeOffset created) => timeProvider.GetUtcNow() - created >= KeyLifetime;

    /// <summary>Under the gate: when <paramref name="stale"/> holds for the cached keys, loads (rotating if due) and caches.</summary>
    private async Task<TicketKeys> ReloadAsync(Func<TicketKeys?, bool> stale, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!stale(_keys))
            {
                return _keys!;
            }
            var stored = await LoadOrRotateAsync(cancellationToken);
            Interlocked.Exchange(ref _loadedAt, timeProvider.GetTimestamp());
            if (_keys is not null && stored.ModRevision == _revision)
            {
                return _keys;
            }
            // Keys replaced here may still be in use by a request in flight: they are left to the finalizer, not disposed.
            var keys = Load(stored.Document);
            _revision = stored.ModRevision;
            Volatile.Write(ref _keys, keys);
            return keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The stored document, after creating it if absent or rotating its key if due; a lost race re-reads the winner's.</summary>
    private async Task<StoredDocument<TicketKeyDocument>> LoadOrRotateAsync(CancellationToken cancellationToken) =>
        await DocumentStore.RetryOnConflictAsync(async ct =>
        {
            var existing = await DocumentStore.ReadAsync(store, ClusterKeys.TicketKey, AccessJsonContext.Default.TicketKeyDocument, ct);
            if (existing is not null && !IsDue(DateTimeOffset.FromUnixTimeSeconds(existing.Document.Created)))
            {
                return (true, existing);
            }
            var next = existing is null ? NewDocument() : Rotated(existing.Document);
            var bytes = DocumentStore.Serialize(next, AccessJsonContext.Default.TicketKeyDocument);
            var result = await store.CompareAndPutAsync(ClusterKeys.TicketKey, existing?.ModRevision ?? 0, bytes, ct);
            if (!result.Succeeded)
            {
                return (false, existing!);
            }
            if (existing is null)
            {
                Log.KeyCreated(logger);
            }
            else
            {
                Log.KeyRotated(logger, existing.Document.Created);
            }
            return (true, new StoredDocument<TicketKeyDocument>(next, result.Revision));
        }, cancellationToken);

    private TicketKeyDocument NewDocument()
    {
        using var rsa = RSA.Create(RsaBits);
        return new TicketKeyDocument
        {
            RsaPrivateKeyPkcs8 = Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()),
            CsrfSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(CsrfSecretBytes)),
            Created = timeProvider.GetUtcNow().ToUnixTimeSeconds(),
        };
    }

    /// <summary>A fresh signing key; the old one keeps only its public half, the CSRF secret stays.</summary>
    private TicketKeyDocument Rotated(TicketKeyDocument current)
    {
        using var old = RSA.Create();
        old.ImportPkcs8PrivateKey(Convert.FromBase64String(current.RsaPrivateKeyPkcs8), out _);
        return NewDocument() with
        {
            CsrfSecret = current.CsrfSecret,
            PreviousRsaPublicKey = Convert.ToBase64String(old.ExportSubjectPublicKeyInfo()),
            PreviousCreated = current.Created,
        };
    }

    private static TicketKeys Load(TicketKeyDocument document)
    {
        var current = RSA.Create();
        current.ImportPkcs8PrivateKey(Convert.FromBase64String(document.RsaPrivateKeyPkcs8), out _);
        RSA? previous = null;
        if (document.PreviousRsaPublicKey is { } publicKey)
        {
            previous = RSA.Create();
            previous.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
        }
        return new TicketKeys(current, DateTimeOffset.FromUnixTimeSeconds(document.Created), previous, Convert.FromBase64String(document.CsrfSecret));
    }

    /// <summary>Event ids 7020-7021 (Cordouan.Access owns 7000-7099).</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "Created the cluster's ticket signing key")]
        public static partial void KeyCreated(ILogger logger);

        [LoggerMessage(EventId = 7021, Level = LogLevel.Information, Message = "Rotated the cluster's ticket signing key (the previous one, created at unix time {Created}, verifies its tickets until they expire)")]
        public static partial void KeyRotated(ILogger logger, long created);
    }
}
