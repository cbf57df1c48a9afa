namespace Cordouan.Platform.Files;

/// <summary>Writes files so that readers see the old or the new content, never a torn one (temp file, fsync, rename).</summary>
public static class AtomicFile
{
    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken, UnixFileMode? mode = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (mode is { } m)
            {
                options.UnixCreateMode = m;
            }
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken, UnixFileMode? mode = null) =>
        WriteAllBytesAsync(path, System.Text.Encoding.UTF8.GetBytes(content), cancellationToken, mode);
}
