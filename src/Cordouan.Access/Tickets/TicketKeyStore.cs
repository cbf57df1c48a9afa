using System.Security.Cryptography;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Tickets;

/// <summary>
/// Loads the cluster-wide ticket keys from the store, creating them on first use with a create-only
/// compare-and-swap so that every node ends up with the same keys; cached for the life of the process.
/// </summary>
public sealed partial class TicketKeyStore(IClusterStore store, TimeProvider timeProvider, ILogger<TicketKeyStore> logger) : IDisposable
{
    private const int RsaBits = 2048;
    private const int CsrfSecretBytes = 32;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TicketKeys? _keys;

    internal async ValueTask<TicketKeys> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _keys) is { } cached)
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_keys is null)
            {
                var keys = await LoadOrCreateAsync(cancellationToken);
                Volatile.Write(ref _keys, keys);
            }
            return _keys!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _keys?.Dispose();
        _gate.Dispose();
    }

    private async Task<TicketKeys> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        var existing = await DocumentStore.ReadAsync(store, ClusterKeys.TicketKey, AccessJsonContext.Default.TicketKeyDocument, cancellationToken);
        if (existing is not null)
        {
            return Load(existing.Document);
        }
        using var rsa = RSA.Create(RsaBits);
        var document = new TicketKeyDocument
        {
            RsaPrivateKeyPkcs8 = Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()),
            CsrfSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(CsrfSecretBytes)),
            Created = timeProvider.GetUtcNow().ToUnixTimeSeconds(),
        };
        var bytes = DocumentStore.Serialize(document, AccessJsonContext.Default.TicketKeyDocument);
        var result = await store.CompareAndPutAsync(ClusterKeys.TicketKey, 0, bytes, cancellationToken);
        if (result.Succeeded)
        {
            Log.KeyCreated(logger);
            return Load(document);
        }
        // Another node created it first: use theirs.
        var winner = await DocumentStore.ReadAsync(store, ClusterKeys.TicketKey, AccessJsonContext.Default.TicketKeyDocument, cancellationToken)
            ?? throw new CordouanException("Failed to load ticket key: it vanished right after being created");
        return Load(winner.Document);
    }

    private static TicketKeys Load(TicketKeyDocument document)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(document.RsaPrivateKeyPkcs8), out _);
        return new TicketKeys(rsa, Convert.FromBase64String(document.CsrfSecret));
    }

    /// <summary>Event ids 7020-7021 (Cordouan.Access owns 7000-7099).</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "Created the cluster's ticket signing key")]
        public static partial void KeyCreated(ILogger logger);
    }
}
