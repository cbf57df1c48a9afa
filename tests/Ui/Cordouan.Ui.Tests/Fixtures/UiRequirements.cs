using System.Diagnostics;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Ui.Tests.Fixtures;

/// <summary>What the browser tests need besides QEMU and etcd: Debian's Chromium and the built SPA (web/dist).</summary>
public static class UiRequirements
{
    public const string Chromium = "/usr/bin/chromium";

    public static string WebDist => Path.Combine(RepoPaths.Root, "web", "dist");

    /// <summary>Why the UI tests cannot run here, or null. Builds web/dist (bounded) when web/ is there but not built.</summary>
    public static async Task<string?> MissingAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Chromium))
        {
            return $"{Chromium} is missing (apt-get install chromium, or scripts/install-deps.sh)";
        }
        if (File.Exists(Path.Combine(WebDist, "index.html")))
        {
            return null;
        }
        var script = Path.Combine(RepoPaths.Root, "scripts", "build-web.sh");
        if (!File.Exists(script) || Requirements.FindOnPath("npm") is null)
        {
            return $"{WebDist} is not built and cannot be ({script} and npm are needed; run make build)";
        }
        using var build = Process.Start(new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = build.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(10));
        try
        {
            await build.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            build.Kill(entireProcessTree: true);
            throw;
        }
        return build.ExitCode == 0 && File.Exists(Path.Combine(WebDist, "index.html"))
            ? null
            : $"scripts/build-web.sh failed ({build.ExitCode}): {await output}{await errors}";
    }

    /// <summary>Skips the test with <paramref name="reason"/> locally; fails it under CI=true, so CI never goes green by skipping.</summary>
    public static void Require(string? reason)
    {
        if (reason is null)
        {
            return;
        }
        if (Requirements.InCi)
        {
            Assert.Fail(reason + "; CI=true forbids skipping");
        }
        Assert.Skip(reason);
    }
}
