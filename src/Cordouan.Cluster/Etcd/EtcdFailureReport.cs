using System.Text;
using System.Text.Json;

namespace Cordouan.Cluster.Etcd;

/// <summary>Explains why etcd failed: its own last complaints (zap JSON log, stderr) plus a hint for known causes.</summary>
internal static class EtcdFailureReport
{
    private const int TailBytes = 64 * 1024;

    /// <summary>The warn/error/fatal messages etcd logged after <paramref name="logOffset"/>, most recent last.</summary>
    public static string Complaints(string logFile, long logOffset, IEnumerable<string> output)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var line in ReadFrom(logFile, logOffset).Concat(output))
        {
            if (Describe(line) is not var (isError, message))
            {
                continue;
            }
            var list = isError ? errors : warnings;
            if (!list.Contains(message))
            {
                list.Add(message);
            }
        }
        // etcd warns about harmless things at every start; its errors are what matters when there are any.
        var found = errors.Count > 0 ? errors : warnings;
        return found.Count == 0 ? "no error message from etcd" : string.Join(" | ", found.TakeLast(3));
    }

    /// <summary>What the operator should do about <paramref name="complaints"/>.</summary>
    public static string Hint(string complaints, EtcdMemberOptions options) => complaints switch
    {
        _ when complaints.Contains("address already in use", StringComparison.Ordinal) =>
            $"Another process listens on {options.ClientUrl} or {options.PeerUrl}; stop it or configure other ports.",
        _ when complaints.Contains("permission denied", StringComparison.OrdinalIgnoreCase) =>
            $"Make {options.DataDirectoryPath} and {options.LogFilePath} writable by this user.",
        _ when complaints.Contains("already been bootstrapped", StringComparison.Ordinal) =>
            "The data directory already holds a member: start with initial-cluster-state 'existing' or remove the data directory.",
        _ when complaints.Contains("cannot assign requested address", StringComparison.Ordinal) =>
            "A client or peer URL names an address this host does not have; fix the URL.",
        _ => $"See {options.LogFilePath}.",
    };

    private static (bool IsError, string Message)? Describe(string line)
    {
        if (!line.StartsWith('{'))
        {
            return line.Contains("error", StringComparison.OrdinalIgnoreCase) ? (true, line.Trim()) : null;
        }
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var level = root.TryGetProperty("level", out var l) ? l.GetString() : null;
            if (level is not ("warn" or "error" or "fatal" or "panic"))
            {
                return null;
            }
            var message = root.TryGetProperty("msg", out var m) ? m.GetString() : "";
            return (level != "warn", root.TryGetProperty("error", out var e) ? $"{message}: {e.GetString()}" : message ?? "");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string[] ReadFrom(string logFile, long offset)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var start = Math.Max(offset, stream.Length - TailBytes);
            stream.Seek(Math.Min(start, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
