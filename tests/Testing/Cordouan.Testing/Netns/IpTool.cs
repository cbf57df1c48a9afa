using System.Diagnostics;
using Cordouan.Platform.Processes;

namespace Cordouan.Testing.Netns;

/// <summary>iproute2 calls shared by the lab, its hosts and the stale-lab sweep.</summary>
internal static class IpTool
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <c>ip args…</c> and throws with the stderr tail on failure.</summary>
    public static Task<ProcessResult> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        new ProcessRunner().RunCheckedAsync(["ip", .. args], cancellationToken);

    /// <summary>Runs <c>ip args…</c> and returns whatever exit code it had (for deletes of things that may be gone).</summary>
    public static Task<ProcessResult> TryRunAsync(CancellationToken cancellationToken, params string[] args) =>
        new ProcessRunner().RunAsync(["ip", .. args], cancellationToken);

    /// <summary>Names of every named network namespace (<c>ip netns list</c>, first column).</summary>
    public static async Task<IReadOnlyList<string>> NamespacesAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(cancellationToken, "netns", "list");
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0])];
    }

    /// <summary>Names of the links of the test process's own namespace.</summary>
    public static async Task<IReadOnlyList<string>> RootLinksAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(cancellationToken, "-o", "link", "show");
        // "12: cordlab-3@if2: <BROADCAST,...": the name is the second field, before any "@peer".
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 3))
            .Where(parts => parts.Length == 3)
            .Select(parts => parts[1].Trim().Split('@')[0])];
    }

    /// <summary>Pids of the processes inside <paramref name="ns"/>; empty when the namespace is gone.</summary>
    public static async Task<IReadOnlyList<int>> PidsAsync(string ns, CancellationToken cancellationToken)
    {
        var result = await TryRunAsync(cancellationToken, "netns", "pids", ns);
        return result.ExitCode != 0 ? [] : [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => int.Parse(line.Trim(), System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>SIGKILLs everything inside <paramref name="ns"/> until nothing is left (new children included), bounded.</summary>
    public static async Task KillProcessesAsync(string ns, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(KillTimeout);
        IReadOnlyList<int> pids = [];
        try
        {
            while ((pids = await PidsAsync(ns, deadline.Token)).Count > 0)
            {
                foreach (var pid in pids)
                {
                    Kill(pid);
                }
                await Task.Delay(50, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Failed to kill the processes of namespace {ns} within {KillTimeout.TotalSeconds} s: still running {string.Join(", ", pids)}");
        }
    }

    /// <summary>Deletes a named namespace after killing its processes (a namespace with live processes outlives its name).</summary>
    public static async Task DeleteNamespaceAsync(string ns, CancellationToken cancellationToken)
    {
        await KillProcessesAsync(ns, cancellationToken);
        var result = await TryRunAsync(cancellationToken, "netns", "delete", ns);
        if (result.ExitCode != 0 && (await NamespacesAsync(cancellationToken)).Contains(ns))
        {
            throw new InvalidOperationException($"Failed to delete namespace {ns}: {result.StandardError.Trim()}");
        }
    }

    /// <summary>Deletes a link of the root namespace and waits until the kernel reports it gone (namespace teardown is asynchronous).</summary>
    public static async Task DeleteRootLinkAsync(string link, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(KillTimeout);
        try
        {
            while ((await RootLinksAsync(deadline.Token)).Contains(link))
            {
                await TryRunAsync(deadline.Token, "link", "delete", link);
                await Task.Delay(50, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Failed to delete link {link} within {KillTimeout.TotalSeconds} s");
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between the listing and the kill.
        }
    }
}
