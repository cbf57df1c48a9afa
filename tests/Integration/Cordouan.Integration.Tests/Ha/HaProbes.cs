using System.Globalization;
using Cordouan.Integration.Tests.Cluster;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Xunit;
using static Cordouan.Integration.Tests.Fixtures.Vms;
using static Cordouan.Integration.Tests.Migration.MigrationProbes;

namespace Cordouan.Integration.Tests.Ha;

/// <summary>What the HA tests do and look at through the API, the serial consoles and /proc.</summary>
public static class HaProbes
{
    public static readonly TimeSpan Boot = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan Failover = TimeSpan.FromSeconds(90);

    /// <summary>Ends every partition of the lab and waits until both hypervisors are quorate again.</summary>
    public static async Task HealAsync(ClusterLab lab, CancellationToken ct)
    {
        await lab.Lab.HealAllAsync(ct);
        await lab.WaitQuorateAsync(lab["n1"], ct);
        await lab.WaitQuorateAsync(lab["n2"], ct);
    }

    public static async Task AddHaAsync(PveHttp http, int vmid, CancellationToken ct, int maxRestart = 1) =>
        (await http.PostAsync("/cluster/ha/resources", new()
        {
            ["sid"] = $"vm:{vmid.ToString(CultureInfo.InvariantCulture)}",
            ["state"] = "started",
            ["max_restart"] = maxRestart.ToString(CultureInfo.InvariantCulture),
            ["max_relocate"] = "1",
        }, ct)).EnsureOk();

    /// <summary>
    /// Waits for the VM's QEMU on <paramref name="node"/> and its guest's first heartbeat there, which is the counter
    /// the guest keeps on its disk (read back at boot, written before each beat): it must go on from the last one seen.
    /// </summary>
    public static async Task<int> BeatsAgainAsync(CordouandNode node, int vmid, CancellationToken ct)
    {
        await ClusterLab.WaitUntilAsync($"VM {vmid} runs on {node.NodeName}", _ => Task.FromResult(QemuPidsOf(node, vmid).Count == 1), Failover, ct);
        await using var console = await SerialConsole.ConnectAsync(node.SerialSocket(vmid), TimeSpan.FromSeconds(10), ct);
        return await console.WaitForHeartbeatAsync(0, Boot, ct);
    }

    public static async Task AssertHaStatusAsync(PveHttp http, int[] vmids, string node, CancellationToken ct)
    {
        await ClusterLab.WaitUntilAsync("the HA status shows the services started on " + node, async c =>
        {
            var services = await HaServicesAsync(http, c);
            return vmids.All(vmid => services.Any(s => s["sid"]!.GetValue<string>() == $"vm:{vmid}" && s["node"]!.GetValue<string>() == node && s["state"]!.GetValue<string>() == "started"));
        }, TimeSpan.FromSeconds(30), ct);
    }

    public static async Task<string> MasterAsync(PveHttp http, CancellationToken ct)
    {
        string? master = null;
        await ClusterLab.WaitUntilAsync("a cluster manager is elected", async c =>
        {
            master = (await http.GetAsync("/cluster/ha/status/current", c)).EnsureOk().Data!.AsArray()
                .FirstOrDefault(i => i!["type"]!.GetValue<string>() == "master" && i["status"]!.GetValue<string>().Contains("active", StringComparison.Ordinal))?["node"]?.GetValue<string>();
            return master is not null;
        }, TimeSpan.FromSeconds(30), ct);
        return master!;
    }

    public static async Task<List<System.Text.Json.Nodes.JsonNode>> HaServicesAsync(PveHttp http, CancellationToken ct) =>
        [.. (await http.GetAsync("/cluster/ha/status/current", ct)).EnsureOk().Data!.AsArray().Where(i => i!["type"]!.GetValue<string>() == "service").Select(i => i!)];

    public static async Task<List<System.Text.Json.Nodes.JsonNode>> TasksOfTypeAsync(PveHttp http, string type, CancellationToken ct) =>
        [.. (await http.GetAsync("/cluster/tasks", ct)).EnsureOk().Data!.AsArray().Where(t => t!["type"]!.GetValue<string>() == type).Select(t => t!)];

    /// <summary>Best effort: the HA resources go first (or their managers would start the VMs again), then the VMs.</summary>
    public static async Task RemoveAllAsync(PveHttp http, int[] vmids, CancellationToken ct)
    {
        foreach (var vmid in vmids)
        {
            await http.DeleteAsync($"/cluster/ha/resources/vm:{vmid}", ct);
        }
        foreach (var vmid in vmids)
        {
            if ((await http.GetAsync("/cluster/resources?type=vm", ct)).Data?.AsArray().FirstOrDefault(r => r!["vmid"]!.GetValue<int>() == vmid) is { } vm)
            {
                var node = vm["node"]!.GetValue<string>();
                await StopAsync(http, node, vmid, ct);
                await DestroyAsync(http, node, vmid, ct);
            }
        }
    }
}
