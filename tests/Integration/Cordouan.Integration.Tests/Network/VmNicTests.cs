using System.Net;
using Cordouan.Testing;
using Xunit;
using VmApi = Cordouan.Integration.Tests.Fixtures.Vms;

namespace Cordouan.Integration.Tests.Network;

/// <summary>VM NICs on bridges of a node running in its own namespace: taps, VLANs, cleanup, and what the guests see.</summary>
[Collection("network")]
public sealed class VmNicTests(NetworkLab lab)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Guests_SameBridge_PingEachOtherAcrossDaemonRestart_StopRemovesTap()
    {
        using var deadline = Linked(out var ct);
        var guests = await Task.WhenAll(
            lab.StartGuestAsync(601, new Dictionary<string, string> { ["net0"] = "virtio,bridge=vmbr0" }, ct),
            lab.StartGuestAsync(602, new Dictionary<string, string> { ["net0"] = "virtio,bridge=vmbr0" }, ct));
        await using var first = guests[0];
        await using var second = guests[1];
        try
        {
            Assert.Equal("vmbr0", await lab.MasterOfAsync("tap601i0", ct));
            Assert.Equal("vmbr0", await lab.MasterOfAsync("tap602i0", ct));
            var one = new GuestNetwork(first);
            var two = new GuestNetwork(second);
            await one.SetAddressAsync("eth0", "10.77.1.1/24", ct);
            await two.SetAddressAsync("eth0", "10.77.1.2/24", ct);
            Assert.True(await one.PingAsync("10.77.1.2", ct), "601 should reach 602 over vmbr0");
            await AssertTrafficCountedAsync(601, ct);

            // A daemon crash and restart leaves running VMs and their taps alone.
            await lab.Node.RestartAsync(ct);
            Assert.True(await two.PingAsync("10.77.1.1", ct), "602 should still reach 601 after the daemon restarted");

            await VmApi.StopAsync(lab.Admin, lab.NodeName, 602, ct);
            var links = await lab.LinksAsync(ct);
            Assert.DoesNotContain("tap602i0", links);
            Assert.Contains("tap601i0", links);
        }
        finally
        {
            await DestroyAsync(ct, 601, 602);
        }
    }

    /// <summary>
    /// Issue 18: the guest's tap counters (netout: what it sent, netin: what it received) in <c>status/current</c> and
    /// <c>/cluster/resources</c>, within a few sampling passes.
    /// </summary>
    private async Task AssertTrafficCountedAsync(int vmid, CancellationToken ct)
    {
        await Cordouan.Integration.Tests.Cluster.ClusterLab.WaitUntilAsync($"status/current of {vmid} counts its traffic", async c =>
        {
            var current = (await lab.Admin.GetAsync($"/nodes/{lab.NodeName}/qemu/{vmid}/status/current", c)).EnsureOk().Data!;
            return current["netout"]!.GetValue<long>() > 0 && current["netin"]!.GetValue<long>() > 0;
        }, TimeSpan.FromSeconds(20), ct);
        await Cordouan.Integration.Tests.Cluster.ClusterLab.WaitUntilAsync($"/cluster/resources counts {vmid}'s traffic", async c =>
        {
            var resource = (await lab.Admin.GetAsync("/cluster/resources", c, new() { ["type"] = "vm" })).EnsureOk().Data!.AsArray()
                .Single(r => r!["vmid"]!.GetValue<int>() == vmid)!;
            return resource["netout"]!.GetValue<long>() > 0 && resource["netin"]!.GetValue<long>() > 0;
        }, TimeSpan.FromSeconds(20), ct);
    }

    [Fact]
    public async Task Guests_TaggedNics_SameTagTalks_OtherTagIsolated()
    {
        using var deadline = Linked(out var ct);
        var guests = await Task.WhenAll(
            lab.StartGuestAsync(611, new Dictionary<string, string> { ["net0"] = "virtio,bridge=vmbr0,tag=10" }, ct),
            lab.StartGuestAsync(612, new Dictionary<string, string> { ["net0"] = "virtio,bridge=vmbr0,tag=10" }, ct),
            lab.StartGuestAsync(613, new Dictionary<string, string> { ["net0"] = "virtio,bridge=vmbr0,tag=20" }, ct));
        try
        {
            // vmbr0 is not VLAN-aware: each tag gets its own bridge, as in Proxmox's traditional mode.
            Assert.Equal("vmbr0v10", await lab.MasterOfAsync("tap611i0", ct));
            Assert.Equal("vmbr0v10", await lab.MasterOfAsync("tap612i0", ct));
            Assert.Equal("vmbr0v20", await lab.MasterOfAsync("tap613i0", ct));
            var nets = guests.Select(g => new GuestNetwork(g)).ToArray();
            for (var i = 0; i < 3; i++)
            {
                await nets[i].SetAddressAsync("eth0", $"10.77.2.{i + 1}/24", ct);
            }
            Assert.True(await nets[0].PingAsync("10.77.2.2", ct), "same tag 10 should talk");
            Assert.False(await nets[0].PingAsync("10.77.2.3", ct, seconds: 3), "tag 10 must not reach tag 20");
        }
        finally
        {
            foreach (var guest in guests)
            {
                await guest.DisposeAsync();
            }
            await DestroyAsync(ct, 611, 612, 613);
        }
    }

    [Fact]
    public async Task RunningGuest_NicAddedThenDeleted_GuestSeesItComeAndGo()
    {
        using var deadline = Linked(out var ct);
        await using var console = await lab.StartGuestAsync(621, new Dictionary<string, string> { ["net0"] = "virtio,bridge=vmbr0" }, ct);
        try
        {
            var mark = console.LineCount;
            (await lab.Admin.PutAsync(VmApi.Path(lab.NodeName, 621, "/config"), new() { ["net1"] = "virtio=02:00:00:00:06:21,bridge=vmbr0" }, ct)).EnsureOk();
            var added = await console.WaitForLineAsync("the guest reporting a new NIC", l => l.StartsWith("NET-NIC-ADDED ", StringComparison.Ordinal), mark, TimeSpan.FromSeconds(60), ct);
            Assert.EndsWith(" 02:00:00:00:06:21", added, StringComparison.Ordinal);
            Assert.Equal("vmbr0", await lab.MasterOfAsync("tap621i1", ct));

            mark = console.LineCount;
            (await lab.Admin.PutAsync(VmApi.Path(lab.NodeName, 621, "/config"), new() { ["delete"] = "net1" }, ct)).EnsureOk();
            await console.WaitForLineAsync("the guest reporting the NIC gone", l => l.StartsWith("NET-NIC-REMOVED ", StringComparison.Ordinal), mark, TimeSpan.FromSeconds(60), ct);
            Assert.DoesNotContain("tap621i1", await lab.LinksAsync(ct));
            Assert.False((await lab.Admin.GetAsync(VmApi.Path(lab.NodeName, 621, "/config"), ct)).EnsureOk().Data!.AsObject().ContainsKey("net1"));
        }
        finally
        {
            await DestroyAsync(ct, 621);
        }
    }

    [Fact]
    public async Task Create_BadNics_FieldErrors()
    {
        using var deadline = Linked(out var ct);
        var missingBridge = await CreateAsync(631, "virtio,bridge=vmbr9", ct);
        Assert.Equal(HttpStatusCode.BadRequest, missingBridge.Status);
        Assert.Contains("bridge 'vmbr9' does not exist", missingBridge.Error("net0"), StringComparison.Ordinal);

        var badName = await CreateAsync(631, "virtio,bridge=no/such", ct);
        Assert.Equal(HttpStatusCode.BadRequest, badName.Status);
        Assert.Contains("net0.bridge", badName.Error("net0"), StringComparison.Ordinal);

        var badTag = await CreateAsync(631, "virtio,bridge=vmbr0,tag=4095", ct);
        Assert.Equal(HttpStatusCode.BadRequest, badTag.Status);
        Assert.Contains("net0.tag", badTag.Error("net0"), StringComparison.Ordinal);

        try
        {
            await lab.Admin.WaitForTaskAsync((await CreateAsync(632, "virtio=02:00:00:00:06:32,bridge=vmbr0", ct)).EnsureOk().Data!.GetValue<string>(), TimeSpan.FromSeconds(60), ct);
            var duplicate = await CreateAsync(633, "virtio=02:00:00:00:06:32,bridge=vmbr0", ct);
            Assert.Equal(HttpStatusCode.BadRequest, duplicate.Status);
            Assert.Contains("already used by VM 632 (net0)", duplicate.Error("net0"), StringComparison.Ordinal);

            // A config change keeps the NIC's MAC unless a new one is given.
            (await lab.Admin.PutAsync(VmApi.Path(lab.NodeName, 632, "/config"), new() { ["net0"] = "virtio,bridge=vmbr0,tag=7" }, ct)).EnsureOk();
            var config = (await lab.Admin.GetAsync(VmApi.Path(lab.NodeName, 632, "/config"), ct)).EnsureOk().Data!;
            Assert.Equal("virtio=02:00:00:00:06:32,bridge=vmbr0,tag=7", config["net0"]!.GetValue<string>());
        }
        finally
        {
            await DestroyAsync(ct, 632);
        }
    }

    private Task<Testing.Daemon.PveResponse> CreateAsync(int vmid, string net0, CancellationToken ct) =>
        lab.Admin.PostAsync($"/nodes/{lab.NodeName}/qemu", new()
        {
            ["vmid"] = vmid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["memory"] = "64",
            ["net0"] = net0,
        }, ct);

    private async Task DestroyAsync(CancellationToken ct, params int[] vmids)
    {
        foreach (var vmid in vmids)
        {
            if ((await lab.Admin.GetAsync(VmApi.Path(lab.NodeName, vmid, "/status/current"), ct)).Status != HttpStatusCode.OK)
            {
                continue;
            }
            await VmApi.StopAsync(lab.Admin, lab.NodeName, vmid, ct);
            await VmApi.DestroyAsync(lab.Admin, lab.NodeName, vmid, ct);
        }
    }

    private static CancellationTokenSource Linked(out CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(Deadline);
        cancellationToken = source.Token;
        return source;
    }
}
