namespace Cordouan.Node.Tasks;

/// <summary>A task's log file: one line per entry, appended and flushed at once so readers see progress live.</summary>
public sealed class TaskLog
{
    private readonly object _gate = new();

    public TaskLog(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
    }

    public string Path { get; }

    public void Append(string line)
    {
        // A task line is one line: embedded newlines would break the numbering clients rely on.
        var clean = line.Replace('\n', ' ').Replace('\r', ' ');
        lock (_gate)
        {
            File.AppendAllText(Path, clean + "\n");
        }
    }

    /// <summary>Reads lines [start, start+limit) and the total count.</summary>
    public static (IReadOnlyList<string> Lines, int Total) Read(string path, int start, int limit)
    {
        if (!File.Exists(path))
        {
            return ([], 0);
        }
        var all = File.ReadAllLines(path);
        return (all.Skip(start).Take(limit).ToArray(), all.Length);
    }
}
