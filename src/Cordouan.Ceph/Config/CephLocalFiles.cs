using Cordouan.Platform.Files;

namespace Cordouan.Ceph.Config;

/// <summary>Writes this node's ceph.conf and the admin / bootstrap keyrings from the facts (atomically; keyrings 0600).</summary>
public sealed class CephLocalFiles(CephTools tools, CephOptions options)
{
    public const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public async Task WriteAsync(CephClusterFacts facts, CancellationToken cancellationToken)
    {
        var paths = tools.Paths;
        Directory.CreateDirectory(paths.Root);
        Directory.CreateDirectory(paths.Run);
        Directory.CreateDirectory(paths.Log);
        await WriteIfChangedAsync(paths.AdminKeyring, Keyrings.Admin(facts), SecretMode, cancellationToken);
        await WriteIfChangedAsync(paths.BootstrapOsdKeyring, Keyrings.BootstrapOsd(facts), SecretMode, cancellationToken);
        await WriteIfChangedAsync(paths.Conf, CephConfRenderer.Render(facts, paths, options.NodeName),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, cancellationToken);
    }

    // Every Ceph call refreshes the files (another node may have added a monitor); most of the time nothing changed.
    private static async Task WriteIfChangedAsync(string path, string content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) == content)
        {
            return;
        }
        await AtomicFile.WriteAllTextAsync(path, content, cancellationToken, mode);
    }

    /// <summary>Writes a secret file (a daemon's keyring) atomically with mode 0600.</summary>
    public static Task WriteSecretAsync(string path, string content, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(path, content, cancellationToken, SecretMode);
}
