using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Integration.Tests.Cluster;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;

namespace Cordouan.Integration.Tests.Migration;

/// <summary>What the migration tests look at: disk files per node, the VM's row in /cluster/resources, task logs, QEMU processes.</summary>
public static class MigrationProbes
{
    public static string DiskPath(CordouandNode node, int vmid, int disk) =>
        node.Data.Combine("storage", "local", "images", vmid.ToString(CultureInfo.InvariantCulture), $"vm-{vmid}-disk-{disk}.qcow2");

    /// <summary>Every file (temporary ones included) in the node's image directory of the VM.</summary>
    public static string[] FilesOf(CordouandNode node, int vmid)
    {
        var directory = node.Data.Combine("storage", "local", "images", vmid.ToString(CultureInfo.InvariantCulture));
        return Directory.Exists(directory) ? [.. Directory.EnumerateFiles(directory).Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal)] : [];
    }

    public static async Task<JsonNode> VmResourceAsync(PveHttp http, int vmid, CancellationToken ct) =>
        (await http.GetAsync("/cluster/resources", ct, new() { ["type"] = "vm" })).EnsureOk().Data!.AsArray()
            .Single(r => r!["vmid"]!.GetValue<int>() == vmid)!;

    /// <summary>
    /// Waits (bounded) until <paramref name="http"/>'s node lists the VM in <c>/cluster/resources</c> as running on
    /// <paramref name="node"/> with an uptime and memory: what that node publishes of its VMs reaches the others.
    /// </summary>
    public static Task<TimeSpan> ShownRunningOnAsync(PveHttp http, int vmid, string node, CancellationToken ct) =>
        ClusterLab.WaitUntilAsync($"VM {vmid} listed running on {node} with uptime and memory", async c =>
        {
            var resource = await VmResourceAsync(http, vmid, c);
            return resource["node"]!.GetValue<string>() == node
                && resource["status"]!.GetValue<string>() == "running"
                && resource["uptime"]!.GetValue<long>() > 0
                && resource["mem"]!.GetValue<long>() > 0;
        }, TimeSpan.FromSeconds(15), ct);

    public static async Task<IReadOnlyList<string>> TaskLogAsync(PveHttp http, string upid, CancellationToken ct)
    {
        var node = upid.Split(':')[1];
        var log = (await http.GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/log", ct, new() { ["limit"] = "1000" })).EnsureOk().Data!;
        return [.. log.AsArray().Select(l => l!["t"]!.GetValue<string>())];
    }

    /// <summary>Waits until the guest beats on <paramref name="node"/> (booted within <paramref name="boot"/>) and returns a recent heartbeat.</summary>
    public static async Task<int> BeatingAsync(CordouandNode node, int vmid, TimeSpan boot, CancellationToken ct)
    {
        await using var console = await SerialConsole.ConnectAsync(node.SerialSocket(vmid), TimeSpan.FromSeconds(10), ct);
        var first = await console.WaitForHeartbeatAsync(0, boot, ct);
        return await console.WaitForHeartbeatAsync(first + 2, boot, ct);
    }

    /// <summary>Pids of the QEMU processes serving <paramref name="vmid"/> for <paramref name="node"/> (its run directory is in their argv).</summary>
    public static IReadOnlyList<int> QemuPidsOf(CordouandNode node, int vmid)
    {
        var marker = $"{node.Data.Path}/run/qemu/{vmid.ToString(CultureInfo.InvariantCulture)}/";
        var pids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(System.IO.Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            if (commandLine.Contains("qemu-system", StringComparison.Ordinal) && commandLine.Contains(marker, StringComparison.Ordinal))
            {
                pids.Add(pid);
            }
        }
        return pids;
    }
}
