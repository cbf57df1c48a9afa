using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Platform.Files;

namespace Cordouan.Daemon.Certificates;

/// <summary>
/// The cluster CA key is shared the way Proxmox shares /etc/pve/priv: in the cluster store (etcd, which only members
/// holding a CA-issued certificate can read) and in a root-only copy on every member, so any member can sign a joining
/// node's request. It never travels in a join answer.
/// </summary>
public static class ClusterCaKey
{
    /// <summary>The etcd key holding the CA key's PEM.</summary>
    public const string StoreKey = ClusterKeys.Root + "priv/ca-key";

    /// <summary>
    /// Publishes this node's CA key when the store has none; copies the store's to DATA/certs/ca-key.pem (0600) when
    /// this node has none and it belongs to this node's CA certificate. Returns what it did, for the log.
    /// </summary>
    public static async Task<string?> SyncAsync(IClusterStore store, CertificatePaths paths, CancellationToken cancellationToken)
    {
        if (!File.Exists(paths.CaCertificate))
        {
            return null;
        }
        if (File.Exists(paths.CaKey))
        {
            var local = await File.ReadAllBytesAsync(paths.CaKey, cancellationToken);
            var put = await store.CompareAndPutAsync(StoreKey, 0, local, cancellationToken);
            return put.Succeeded ? "published the cluster CA key to the cluster store" : null;
        }
        if (await store.GetAsync(StoreKey, cancellationToken) is not { } entry)
        {
            return null;
        }
        var pem = Encoding.UTF8.GetString(entry.Value);
        if (!Matches(paths, pem))
        {
            return $"the cluster store's CA key does not belong to {paths.CaCertificate}; not copied";
        }
        await AtomicFile.WriteAllTextAsync(paths.CaKey, pem, cancellationToken, SecretFiles.PrivateFile);
        return $"copied the cluster CA key from the cluster store to {paths.CaKey}";
    }

    /// <summary>The CA certificate with its key (the local copy, else the store's), to sign a joining node's request.</summary>
    public static async Task<X509Certificate2> LoadAuthorityAsync(IClusterStore store, CertificatePaths paths, CancellationToken cancellationToken)
    {
        if (NodeCertificates.LoadAuthority(paths) is { } local)
        {
            return local;
        }
        var entry = await store.GetAsync(StoreKey, cancellationToken)
            ?? throw new CordouanException("this node holds no cluster CA key, and neither does the cluster store: join through the node that created the cluster");
        return NodeCertificates.LoadAuthority(paths, Encoding.UTF8.GetString(entry.Value))!;
    }

    private static bool Matches(CertificatePaths paths, string keyPem)
    {
        try
        {
            using var authority = NodeCertificates.LoadAuthority(paths, keyPem);
            return authority is not null;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
