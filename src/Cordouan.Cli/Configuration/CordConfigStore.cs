using System.Text.Json;

namespace Cordouan.Cli.Configuration;

/// <summary>
/// Reads and writes the saved login file (<c>$CORD_CONFIG</c>, else <c>$XDG_CONFIG_HOME/cordouan/cord.json</c>, else
/// <c>~/.config/cordouan/cord.json</c>). Writes are atomic (temp file + rename) and the file is only readable by its owner.
/// </summary>
public sealed class CordConfigStore
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public CordConfigStore(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Where the config lives for the given environment variables and home directory.</summary>
    public static string ResolvePath(Func<string, string?> getVariable, string homeDirectory)
    {
        if (getVariable("CORD_CONFIG") is { Length: > 0 } explicitPath)
        {
            return explicitPath;
        }
        var configHome = getVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : System.IO.Path.Combine(homeDirectory, ".config");
        return System.IO.Path.Combine(configHome, "cordouan", "cord.json");
    }

    /// <summary>The saved config, or null when there is none yet.</summary>
    public CordConfig? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path), CliJsonContext.Default.CordConfig);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Failed to read the cord config {Path}: {ex.Message} (delete it and run 'cord login' again).", ex);
        }
    }

    /// <summary>Replaces the file atomically; the new file has mode 0600 from the start.</summary>
    public void Save(CordConfig config)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile };
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, config, CliJsonContext.Default.CordConfig);
                stream.Flush(flushToDisk: true);
            }
            File.SetUnixFileMode(temporary, OwnerOnlyFile);
            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
