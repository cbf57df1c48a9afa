using Cordouan.Core.Errors;
using Cordouan.Platform.Processes;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Storage.Tests.Dir;

/// <summary>A small tmpfs mounted for one test (needs root); skips the test when mounting is not possible.</summary>
internal sealed class TmpfsMount : IAsyncDisposable
{
    private readonly ProcessRunner _runner;

    private TmpfsMount(string path, ProcessRunner runner)
    {
        Path = path;
        _runner = runner;
    }

    public string Path { get; }

    public static async Task<TmpfsMount> MountAsync(string path, long sizeBytes, ProcessRunner runner, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(path);
        var result = await runner.RunAsync(["mount", "-t", "tmpfs", "-o", $"size={sizeBytes}", "tmpfs", path], cancellationToken);
        if (result.ExitCode != 0)
        {
            var reason = $"cannot mount a tmpfs (needs root): {result.StandardError.Trim()}";
            if (Requirements.InCi)
            {
                Assert.Fail(reason + "; CI=true forbids skipping");
            }
            Assert.Skip(reason);
        }
        return new TmpfsMount(path, runner);
    }

    public async ValueTask DisposeAsync()
    {
        // Cleanup must run even when the test's token is already cancelled.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _runner.RunCheckedAsync(["umount", Path], timeout.Token);
        }
        catch (ExternalCommandException)
        {
            await _runner.RunAsync(["umount", "-l", Path], timeout.Token);
        }
    }
}
