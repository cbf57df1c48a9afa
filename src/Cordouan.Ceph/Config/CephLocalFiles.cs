using Cordouan.Platform.Files;

namespace Cordouan.Ceph.Config;

/// <summary>Writes this node's ceph.conf and the admin / bootstrap keyrings from the facts (atomically; keyrings 0600).</summary>
public sealed class CephLocalFiles(CephTools tools)
{
    public const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public async Task WriteAsync(CephClusterFacts facts, CancellationToken cancellationToken)
    {
        var paths = tools.Paths;
        Directory.CreateDirectory(paths.Root);
        Directory.CreateDirectory(paths.Run);
        Directory.CreateDirectory(paths.Log);
        await AtomicFile.WriteAllTextAsync(paths.AdminKeyring, Keyrings.Admin(facts), cancellationToken, SecretMode);
        await AtomicFile.WriteAllTextAsync(paths.BootstrapOsdKeyring, Keyrings.BootstrapOsd(facts), cancellationToken, SecretMode);
        await AtomicFile.WriteAllTextAsync(paths.Conf, CephConfRenderer.Render(facts, paths), cancellationToken,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    /// <summary>Writes a secret file (a daemon's keyring) atomically with mode 0600.</summary>
    public static Task WriteSecretAsync(string path, string content, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(path, content, cancellationToken, SecretMode);
}
