namespace Cordouan.Daemon.Certificates;

/// <summary>Creates, or tightens, files and directories that only root may read.</summary>
public static class SecretFiles
{
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupAndOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> with mode 0700, or takes every group and other bit off an existing one.</summary>
    public static void EnsurePrivateDirectory(string path)
    {
        Directory.CreateDirectory(path, PrivateDirectory);
        Restrict(path);
    }

    /// <summary>Takes every group and other bit off <paramref name="path"/> if it exists.</summary>
    public static void Restrict(string path)
    {
        if (!Path.Exists(path) || OperatingSystem.IsWindows())
        {
            return;
        }
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupAndOther) != 0)
        {
            File.SetUnixFileMode(path, mode & ~GroupAndOther);
        }
    }
}
