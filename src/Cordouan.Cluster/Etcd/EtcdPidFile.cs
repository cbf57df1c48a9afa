using System.Globalization;
using Cordouan.Platform.Files;

namespace Cordouan.Cluster.Etcd;

/// <summary>
/// Records the etcd child's pid so that after cordouand was SIGKILLed a new instance can find the orphan. A pid
/// counts only while /proc/&lt;pid&gt;/cmdline still names our data directory, so a reused pid is never touched.
/// </summary>
internal sealed class EtcdPidFile(string path, string dataDirectory)
{
    public string Path { get; } = path;

    /// <summary>The pid of a still-running etcd serving our data directory, or null.</summary>
    public int? ReadLivePid()
    {
        string text;
        try
        {
            text = File.ReadAllText(Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsOurEtcd(pid) ? pid : null;
    }

    /// <summary>True while <paramref name="pid"/> runs etcd on our data directory (false for zombies: their cmdline is empty).</summary>
    public bool IsOurEtcd(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return arguments.Contains("--data-dir=" + dataDirectory, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public Task WriteAsync(int pid, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(Path, pid.ToString(CultureInfo.InvariantCulture) + "\n", cancellationToken);

    public void Delete()
    {
        try
        {
            File.Delete(Path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever written there.
        }
    }
}
