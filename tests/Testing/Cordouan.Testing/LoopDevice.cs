using System.Diagnostics;

namespace Cordouan.Testing;

/// <summary>A loop device over a sparse file (<c>losetup -f --show</c>), detached on dispose.</summary>
public sealed class LoopDevice : IAsyncDisposable
{
    private LoopDevice(string backingFile, string path)
    {
        BackingFile = backingFile;
        Path = path;
    }

    public string BackingFile { get; }

    /// <summary><c>/dev/loopN</c>.</summary>
    public string Path { get; }

    public static async Task<LoopDevice> CreateAsync(string backingFile, long sizeBytes, CancellationToken cancellationToken)
    {
        await using (var file = new FileStream(backingFile, FileMode.CreateNew, FileAccess.Write))
        {
            file.SetLength(sizeBytes);
        }
        var path = (await RunAsync(["losetup", "-f", "--show", backingFile], cancellationToken)).Trim();
        return new LoopDevice(backingFile, path);
    }

    /// <summary>Writes bytes straight to the device (e.g. a partition table signature).</summary>
    public async Task WriteAsync(long offset, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var device = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        device.Seek(offset, SeekOrigin.Begin);
        await device.WriteAsync(bytes, cancellationToken);
        await device.FlushAsync(cancellationToken);
        device.Flush(flushToDisk: true);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await RunAsync(["losetup", "-d", Path], timeout.Token);
        }
        finally
        {
            File.Delete(BackingFile);
        }
    }

    private static async Task<string> RunAsync(string[] argv, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', argv)} failed ({process.ExitCode}): {await stderr}");
        }
        return await stdout;
    }
}
