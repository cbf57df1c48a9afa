using Cordouan.Testing;
using Xunit;
using VmApi = Cordouan.Integration.Tests.Fixtures.Vms;

namespace Cordouan.Integration.Tests.Network;

/// <summary>
/// Networks survive a host reboot: the daemon restores the applied set at start (a <c>srvreload</c> task), so a NAT
/// bridge whose link, address, nftables table and dnsmasq were lost comes back and a VM on it starts; staged changes
/// stay staged; a restart with nothing missing runs no task.
/// </summary>
[Collection("network")]
public sealed class NetworkRestoreTests(NetworkLab lab)
{
    private const string Bridge = "vmbrr";
    private const string StagedOnly = "vmbrs";
    private const int VmId = 652;

    private string NetworkPath => $"/nodes/{lab.NodeName}/network";

    [Fact]
    public async Task DaemonStart_AppliedBridgeLost_RestoredAsTask_VmStarts_NothingMissingNoTask()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(4));
        var ct = deadline.Token;
        (await lab.Admin.PostAsync(NetworkPath, new()
        {
            ["iface"] = Bridge,
            ["type"] = "bridge",
            ["cidr"] = "10.81.0.1/24",
            ["cordouan-nat"] = "1",
        }, ct)).EnsureOk();
        await lab.Admin.RunTaskAsync(HttpMethod.Put, NetworkPath, null, ct);
        try
        {
            // Nothing missing: a restart runs no task.
            var before = await RestoreTasksAsync(ct);
            await RestartAsync(ct);
            Assert.Equal(before, await RestoreTasksAsync(ct));

            // A staged change is not what was applied: a restart must not apply it.
            (await lab.Admin.PostAsync(NetworkPath, new() { ["iface"] = StagedOnly, ["type"] = "bridge" }, ct)).EnsureOk();

            // "Reboot": the daemon stops, the kernel loses the bridge, its NAT table and its dnsmasq.
            await lab.Node.StopAsync();
            var pid = (await File.ReadAllTextAsync(lab.Node.Data.Combine("network", "dnsmasq", Bridge, "pid"), ct)).Trim();
            await lab.Host.RunAsync(["kill", "-KILL", pid], ct);
            await lab.Host.RunAsync(["ip", "link", "delete", "dev", Bridge], ct);
            await lab.Host.RunAsync(["nft", "delete", "table", "ip", $"cordouan-nat-{Bridge}"], ct);
            await lab.Node.StartAsync(ct);

            var restored = Assert.Single((await RestoreTasksAsync(ct)).Except(before));
            Assert.Equal("OK", await lab.Admin.WaitForTaskAsync(restored, TimeSpan.FromMinutes(1), ct));
            var log = string.Join('\n', (await lab.Admin.GetAsync($"/nodes/{lab.NodeName}/tasks/{Uri.EscapeDataString(restored)}/log", ct, new() { ["limit"] = "500" }))
                .EnsureOk().Data!.AsArray().Select(l => l!["t"]!.GetValue<string>()));
            Assert.Contains("restoring the applied network configuration at daemon start", log, StringComparison.Ordinal);
            var address = await lab.Host.RunAsync(["ip", "-o", "-4", "address", "show", "dev", Bridge], ct);
            Assert.Contains("inet 10.81.0.1/24", address.StandardOutput, StringComparison.Ordinal);
            var table = await lab.Host.RunAsync(["nft", "list", "table", "ip", $"cordouan-nat-{Bridge}"], ct);
            Assert.Contains("ip saddr 10.81.0.0/24", table.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain(StagedOnly, await lab.LinksAsync(ct));
            var staged = (await lab.Admin.GetAsync($"{NetworkPath}/{StagedOnly}", ct)).EnsureOk().Data!;
            Assert.Equal(1, staged["pending"]?.GetValue<int>() ?? 0);

            try
            {
                // The VM's start checks its bridge: it fails when the bridge did not come back.
                await using var console = await lab.StartGuestAsync(VmId, new Dictionary<string, string> { ["net0"] = $"virtio,bridge={Bridge}" }, ct);
                Assert.Equal("running", await VmApi.StatusAsync(lab.Admin, lab.NodeName, VmId, ct));
            }
            finally
            {
                await VmApi.StopAsync(lab.Admin, lab.NodeName, VmId, ct);
                await VmApi.DestroyAsync(lab.Admin, lab.NodeName, VmId, ct);
            }
        }
        finally
        {
            await lab.Admin.DeleteAsync(NetworkPath, ct);
            (await lab.Admin.DeleteAsync($"{NetworkPath}/{Bridge}", ct)).EnsureOk();
            await lab.Admin.RunTaskAsync(HttpMethod.Put, NetworkPath, null, ct);
        }
    }

    private async Task RestartAsync(CancellationToken ct)
    {
        await lab.Node.StopAsync();
        await lab.Node.StartAsync(ct);
    }

    private async Task<IReadOnlyList<string>> RestoreTasksAsync(CancellationToken ct) =>
        [.. (await lab.Admin.GetAsync($"/nodes/{lab.NodeName}/tasks", ct, new() { ["typefilter"] = "srvreload", ["limit"] = "1000" })).EnsureOk().Data!
            .AsArray().Select(t => t!["upid"]!.GetValue<string>())];
}
