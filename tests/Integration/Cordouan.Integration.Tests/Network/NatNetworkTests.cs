using System.Net;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing;
using Xunit;
using VmApi = Cordouan.Integration.Tests.Fixtures.Vms;

namespace Cordouan.Integration.Tests.Network;

/// <summary>
/// A private NAT network (<c>cordouan-nat=1</c>) on a node in its own namespace: a guest leases an address from the
/// bridge's dnsmasq and reaches a host outside whose only way back is the node's own address, which only masquerading
/// gives it; the lease shows with the VM's MAC; a killed dnsmasq comes back; delete and apply remove it all.
/// </summary>
[Collection("network")]
public sealed class NatNetworkTests(NetworkLab lab)
{
    private const string Bridge = "vmbrn";
    private const int VmId = 651;

    private string NetworkPath => $"/nodes/{lab.NodeName}/network";

    [Fact]
    public async Task NatBridge_GuestLeasesAndReachesOutside_LeaseListed_DeleteRemovesTableAndDnsmasq()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(4));
        var ct = deadline.Token;
        // "outside": another namespace on the node's uplink segment, with no route to the private subnet.
        var outside = lab.Lab.Hosts.FirstOrDefault(h => h.Name == "out") ?? await lab.Lab.AddHostAsync("out", ct);

        (await lab.Admin.PostAsync(NetworkPath, new()
        {
            ["iface"] = Bridge,
            ["type"] = "bridge",
            ["cidr"] = "10.78.0.1/24",
            ["cordouan-nat"] = "1",
            ["cordouan-dhcp-range"] = "10.78.0.50-10.78.0.60",
        }, ct)).EnsureOk();
        await lab.Admin.RunTaskAsync(HttpMethod.Put, NetworkPath, null, ct);
        var table = await lab.Host.RunAsync(["nft", "list", "table", "ip", $"cordouan-nat-{Bridge}"], ct);
        Assert.Contains($"ip saddr 10.78.0.0/24 oifname != \"{Bridge}\" masquerade", table.StandardOutput, StringComparison.Ordinal);
        var item = (await lab.Admin.GetAsync($"{NetworkPath}/{Bridge}", ct)).EnsureOk().Data!;
        Assert.Equal(1, item["cordouan-nat"]!.GetValue<int>());
        Assert.Equal("10.78.0.50-10.78.0.60", item["cordouan-dhcp-range"]!.GetValue<string>());

        await using var console = await lab.StartGuestAsync(VmId, new Dictionary<string, string> { ["net0"] = $"virtio,bridge={Bridge}" }, ct);
        try
        {
            var guest = new GuestNetwork(console);
            var leased = await guest.DhcpAsync("eth0", ct);
            Assert.NotNull(leased);
            var address = IPAddress.Parse(leased.Split('/')[0]);
            var last = address.GetAddressBytes()[3];
            Assert.True(address.ToString().StartsWith("10.78.0.", StringComparison.Ordinal) && last is >= 50 and <= 60, $"leased {leased}");
            Assert.True(await guest.PingAsync(outside.Address.ToString(), ct), $"the guest should reach {outside.Address} through the NAT");

            var mac = (await guest.NicsAsync(ct))["eth0"];
            var leases = (await lab.Admin.GetAsync($"{NetworkPath}/{Bridge}/leases", ct)).EnsureOk().Data!.AsArray();
            var lease = Assert.Single(leases, l => l!["mac"]!.GetValue<string>() == mac)!;
            Assert.Equal(address.ToString(), lease["ip"]!.GetValue<string>());
            Assert.Equal(VmId, lease["vmid"]!.GetValue<int>());

            // The VM's status shows the leased address (extension cordouan-ips), and so does cord vm status.
            var status = (await lab.Admin.GetAsync($"/nodes/{lab.NodeName}/qemu/{VmId}/status/current", ct)).EnsureOk().Data!;
            var ip = Assert.Single(status["cordouan-ips"]!.AsArray())!;
            Assert.Equal(address.ToString(), ip["ip"]!.GetValue<string>());
            Assert.Equal("net0", ip["net"]!.GetValue<string>());
            var config = lab.Node.Data.Combine("cord-nat.json");
            var login = await Cord.RunAsync(config, TimeSpan.FromSeconds(90), ct, "login", "--server", lab.Node.BaseAddress.ToString(), "--user", "admin@pve",
                "--password-file", lab.Node.Data.Combine("admin-password.in"), "--fingerprint", lab.Node.Fingerprint());
            Assert.True(login.Exit == 0, login.Output);
            var cord = await Cord.RunAsync(config, TimeSpan.FromSeconds(90), ct, "vm", "status", VmId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(cord.Exit == 0, cord.Output);
            Assert.Contains($"{address} (net0)", cord.Output, StringComparison.Ordinal);

            // A dnsmasq that dies is started again by the daemon.
            var pidFile = lab.Node.Data.Combine("network", "dnsmasq", Bridge, "pid");
            var pid = (await File.ReadAllTextAsync(pidFile, ct)).Trim();
            await lab.Host.RunAsync(["kill", "-KILL", pid], ct);
            await WaitForAsync(async () => File.Exists(pidFile) && (await File.ReadAllTextAsync(pidFile, ct)).Trim() is var now && now != pid
                && Directory.Exists($"/proc/{now}"), TimeSpan.FromSeconds(30), ct);
        }
        finally
        {
            await VmApi.StopAsync(lab.Admin, lab.NodeName, VmId, ct);
            await VmApi.DestroyAsync(lab.Admin, lab.NodeName, VmId, ct);
        }

        var running = (await File.ReadAllTextAsync(lab.Node.Data.Combine("network", "dnsmasq", Bridge, "pid"), ct)).Trim();
        (await lab.Admin.DeleteAsync($"{NetworkPath}/{Bridge}", ct)).EnsureOk();
        await lab.Admin.RunTaskAsync(HttpMethod.Put, NetworkPath, null, ct);
        var gone = await lab.Host.RunAsync(["nft", "list", "tables"], ct);
        Assert.DoesNotContain($"cordouan-nat-{Bridge}", gone.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists($"/proc/{running}") && File.ReadAllText($"/proc/{running}/cmdline").StartsWith("dnsmasq", StringComparison.Ordinal),
            "the bridge's dnsmasq should be stopped");
        Assert.DoesNotContain(Bridge, await lab.LinksAsync(ct));
    }

    [Fact]
    public async Task Create_NatWithoutAddressOrBadRange_ErrorsNameTheField()
    {
        var ct = TestContext.Current.CancellationToken;

        var noCidr = await lab.Admin.PostAsync(NetworkPath, new() { ["iface"] = "vmbrx", ["type"] = "bridge", ["cordouan-nat"] = "1" }, ct);
        var badRange = await lab.Admin.PostAsync(NetworkPath, new()
        {
            ["iface"] = "vmbrx",
            ["type"] = "bridge",
            ["cidr"] = "10.79.0.1/24",
            ["cordouan-nat"] = "1",
            ["cordouan-dhcp-range"] = "10.80.0.2-10.80.0.9",
        }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, noCidr.Status);
        Assert.Contains("needs an IPv4 address", noCidr.Error("cidr"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.Status);
        Assert.Contains("not inside the subnet 10.79.0.0/24", badRange.Error("cordouan-dhcp-range"), StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), limit.Token);
        }
    }
}
