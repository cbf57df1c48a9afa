using Cordouan.Core.Ceph;
using Cordouan.Core.Errors;
using Cordouan.Core.Storage;
using Cordouan.Platform.Files;

namespace Cordouan.Storage.Rbd;

/// <summary>
/// Resolves an rbd storage to its client on this node: the cluster Cordouan deployed (this node's ceph.conf and admin
/// keyring, refreshed from the cluster's facts) or, with <c>monhost</c>, an external cluster whose conf and keyring
/// this class writes from the storage definition.
/// </summary>
public sealed class RbdConnections(RbdStorageOptions options, ICephClientConfig? localCluster = null)
{
    public const string DefaultUser = "admin";
    private const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode ConfMode = SecretMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The client files of <paramref name="storage"/> (they may not exist yet: see <see cref="ResolveAsync"/>).</summary>
    public RbdConnection For(StorageDefinition storage)
    {
        var user = storage.Username ?? DefaultUser;
        if (storage.MonHost is not null)
        {
            return new RbdConnection(Path.Combine(options.ConfigDirectory, storage.Id + ".conf"), Path.Combine(options.ConfigDirectory, storage.Id + ".keyring"), user);
        }
        var files = LocalCluster(storage).Files;
        return new RbdConnection(files.ConfPath, files.AdminKeyringPath, user);
    }

    /// <summary>Writes the client files when missing or stale, then returns them.</summary>
    public async Task<RbdConnection> ResolveAsync(StorageDefinition storage, CancellationToken cancellationToken)
    {
        var connection = For(storage);
        if (storage.MonHost is null)
        {
            await LocalCluster(storage).PrepareAsync(cancellationToken);
            return connection;
        }
        if (string.IsNullOrWhiteSpace(storage.Keyring))
        {
            throw new CordouanException($"rbd storage '{storage.Id}': an external cluster (monhost) needs the client's keyring");
        }
        Directory.CreateDirectory(options.ConfigDirectory);
        await WriteIfChangedAsync(connection.KeyringPath, storage.Keyring.TrimEnd() + "\n", SecretMode, cancellationToken);
        await WriteIfChangedAsync(connection.ConfPath, ExternalClusterConf.Render(storage.Id, storage.MonHost, connection.KeyringPath), ConfMode, cancellationToken);
        return connection;
    }

    private ICephClientConfig LocalCluster(StorageDefinition storage) =>
        localCluster ?? throw new CordouanException(
            $"rbd storage '{storage.Id}': this node has no Ceph client configuration; give monhost and keyring for an external cluster");

    // Called before every operation; most of the time nothing changed.
    private static async Task WriteIfChangedAsync(string path, string content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) == content)
        {
            return;
        }
        await AtomicFile.WriteAllTextAsync(path, content, cancellationToken, mode);
    }
}
