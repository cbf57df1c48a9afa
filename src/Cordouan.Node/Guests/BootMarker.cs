using Cordouan.Platform.Files;

namespace Cordouan.Node.Guests;

/// <summary>
/// Tells the first daemon start since the host booted from a daemon restart: a file on tmpfs (<c>/run</c>, emptied by
/// every boot) holding the kernel's boot id. The host booted when the file is missing or names another boot id (so a
/// marker path outside tmpfs still works); a restart finds its own boot id there.
/// </summary>
public sealed class BootMarker(string path, string bootIdFile = BootMarker.KernelBootIdFile)
{
    /// <summary>The kernel's random id of the current boot.</summary>
    public const string KernelBootIdFile = "/proc/sys/kernel/random/boot_id";

    public string Path { get; } = path;

    /// <summary>
    /// True (once per boot) when the host booted since the marker was last written; the marker is written first, so
    /// a daemon that dies in the middle of the boot start does not start the guests a second time.
    /// </summary>
    public async Task<bool> ClaimBootAsync(CancellationToken cancellationToken)
    {
        var bootId = File.Exists(bootIdFile) ? (await File.ReadAllTextAsync(bootIdFile, cancellationToken)).Trim() : "";
        if (File.Exists(Path) && (await File.ReadAllTextAsync(Path, cancellationToken)).Trim() == bootId)
        {
            return false;
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        await AtomicFile.WriteAllTextAsync(Path, bootId + "\n", cancellationToken, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return true;
    }
}
