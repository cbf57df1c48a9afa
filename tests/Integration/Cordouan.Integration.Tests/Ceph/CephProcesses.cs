using System.Diagnostics;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>
/// Ceph's own CLI and the processes of one Cordouan-deployed cluster, found by the ceph.conf path in their command
/// line: what the Ceph fixtures use to check a cluster and to tear it down whatever state a test left.
/// </summary>
public static class CephProcesses
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs Ceph's own CLI with <paramref name="conf"/> (for checks and test-only settings, never to deploy).</summary>
    public static async Task<string> CliAsync(string conf, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ceph") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", conf, "--connect-timeout", "15" }.Concat(arguments))
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"ceph {string.Join(' ', arguments)} failed: {await stderr}");
        return await stdout;
    }

    /// <summary>SIGKILLs every process whose command line names <paramref name="conf"/>, then waits (bounded) until they are gone.</summary>
    public static async Task KillUsingAsync(string conf)
    {
        if (!await ProcessesByArgument.KillAllAsync(conf, KillTimeout))
        {
            throw new InvalidOperationException($"Ceph processes still alive after {KillTimeout.TotalSeconds} s: {string.Join(", ", ProcessesByArgument.Find(conf))}");
        }
    }
}
