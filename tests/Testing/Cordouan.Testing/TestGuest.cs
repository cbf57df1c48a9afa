using System.Security.Cryptography;
using Cordouan.Platform.Processes;

namespace Cordouan.Testing;

/// <summary>
/// The test guest disk (see <c>scripts/build-test-guest.sh</c>): built once per machine into a cache directory
/// (<c>$CORDOUAN_TEST_GUEST_DIR</c>, else <c>/var/cache/cordouan-test-guest</c>, else <c>~/.cache/cordouan-test-guest</c>),
/// keyed by the script's content so a changed recipe rebuilds. A file lock keeps parallel test processes from
/// building at the same time. Tests never boot the pristine image: they <see cref="CopyToAsync"/> it first.
/// </summary>
public sealed class TestGuest
{
    private const string ImageName = "test-guest.qcow2";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    private string? _image;

    public TestGuest(string? cacheDirectory = null)
    {
        CacheDirectory = cacheDirectory ?? DefaultCacheDirectory();
    }

    public string CacheDirectory { get; }

    /// <summary>Absolute path of the pristine image, building it first if needed (about 5 s, needs apt access).</summary>
    public async Task<string> GetImageAsync(CancellationToken cancellationToken)
    {
        // Concurrent callers are serialized by the build lock file, in this process as across processes.
        return _image ??= await BuildOnceAsync(cancellationToken);
    }

    /// <summary>Copies the pristine image to <paramref name="destinationPath"/> and returns its absolute path.</summary>
    public async Task<string> CopyToAsync(string destinationPath, CancellationToken cancellationToken)
    {
        var source = await GetImageAsync(cancellationToken);
        var destination = Path.GetFullPath(destinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        await using var input = File.OpenRead(source);
        await using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
        await input.CopyToAsync(output, cancellationToken);
        return destination;
    }

    private async Task<string> BuildOnceAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "build-test-guest.sh");
        var key = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(script, cancellationToken)))[..12];
        var directory = Path.Combine(CacheDirectory, key);
        var image = Path.Combine(directory, ImageName);
        if (File.Exists(image))
        {
            return image;
        }
        Directory.CreateDirectory(directory);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(BuildTimeout);
        await using var buildLock = await AcquireLockAsync(Path.Combine(directory, ".build.lock"), deadline.Token);
        if (!File.Exists(image))
        {
            // The script is idempotent and publishes the image atomically.
            await new ProcessRunner().RunCheckedAsync(["/bin/bash", script, directory], deadline.Token);
        }
        return File.Exists(image) ? image : throw new InvalidOperationException($"{script} did not produce {image}");
    }

    /// <summary>An exclusive lock (flock on Linux) held while the stream is open; waits for another process's build.</summary>
    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    private static string DefaultCacheDirectory()
    {
        if (Environment.GetEnvironmentVariable("CORDOUAN_TEST_GUEST_DIR") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        const string system = "/var/cache/cordouan-test-guest";
        try
        {
            Directory.CreateDirectory(system);
            return system;
        }
        catch (UnauthorizedAccessException)
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cordouan-test-guest");
        }
    }

    /// <summary>The checkout root: the nearest ancestor of the test binaries holding <c>Cordouan.slnx</c>.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cordouan.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Cordouan.slnx above {AppContext.BaseDirectory}");
    }
}
