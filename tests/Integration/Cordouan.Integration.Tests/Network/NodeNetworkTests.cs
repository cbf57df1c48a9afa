using System.Net;
using Cordouan.Integration.Tests.Fixtures;
using Xunit;
using VmApi = Cordouan.Integration.Tests.Fixtures.Vms;

namespace Cordouan.Integration.Tests.Network;

/// <summary><c>/nodes/{node}/network</c> and <c>cord net</c> against a node in its own namespace: staged, applied, reverted, guarded.</summary>
[Collection("network")]
public sealed class NodeNetworkTests(NetworkLab lab)
{
    private string NetworkPath => $"/nodes/{lab.NodeName}/network";

    [Fact]
    public async Task CordNet_CreateApply_BridgeExistsAndCarriesVmNic_DeleteApply_Gone()
    {
        var ct = TestContext.Current.CancellationToken;
        var config = lab.Node.Data.Combine("cord-net.json");
        var login = await CordAsync(config, ct, "login", "--server", lab.Node.BaseAddress.ToString(), "--user", "admin@pve",
            "--password-file", lab.Node.Data.Combine("admin-password.in"), "--fingerprint", lab.Node.Fingerprint());
        Assert.True(login.Exit == 0, login.Output);

        var create = await CordAsync(config, ct, "net", "create", lab.NodeName, "vmbr7", "--cidr", "10.88.0.1/24", "--comments", "private");
        Assert.True(create.Exit == 0, create.Output);
        var staged = await ItemAsync("vmbr7", ct);
        Assert.Equal(1, staged["pending"]!.GetValue<int>());
        Assert.Equal(0, staged["exists"]!.GetValue<int>());
        Assert.DoesNotContain("vmbr7", await lab.LinksAsync(ct));

        var apply = await CordAsync(config, ct, "net", "apply", lab.NodeName);
        Assert.True(apply.Exit == 0, apply.Output);
        var address = await lab.Host.RunAsync(["ip", "-o", "-4", "address", "show", "dev", "vmbr7"], ct);
        Assert.Contains("10.88.0.1/24", address.StandardOutput, StringComparison.Ordinal);
        var applied = await ItemAsync("vmbr7", ct);
        Assert.Equal(1, applied["active"]!.GetValue<int>());
        Assert.Null(applied["pending"]);
        Assert.Equal("private", applied["comments"]!.GetValue<string>());
        var list = await CordAsync(config, ct, "net", "list", lab.NodeName);
        Assert.True(list.Exit == 0 && list.Output.Contains("vmbr7", StringComparison.Ordinal), list.Output);

        // The applied bridge is one a VM NIC can use at once.
        await lab.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{lab.NodeName}/qemu", new()
        {
            ["vmid"] = "641",
            ["memory"] = "64",
            ["net0"] = "virtio,bridge=vmbr7",
            ["start"] = "1",
        }, ct);
        try
        {
            Assert.Equal("vmbr7", await lab.MasterOfAsync("tap641i0", ct));
        }
        finally
        {
            await VmApi.StopAsync(lab.Admin, lab.NodeName, 641, ct);
            await VmApi.DestroyAsync(lab.Admin, lab.NodeName, 641, ct);
        }

        var delete = await CordAsync(config, ct, "net", "delete", lab.NodeName, "vmbr7");
        Assert.True(delete.Exit == 0, delete.Output);
        await lab.Admin.RunTaskAsync(HttpMethod.Put, NetworkPath, null, ct);
        Assert.DoesNotContain("vmbr7", await lab.LinksAsync(ct));
    }

    [Fact]
    public async Task Apply_BridgeOverManagementUplink_RefusedUntilForced_RevertDropsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        (await lab.Admin.PostAsync(NetworkPath, new() { ["iface"] = "vmbr8", ["type"] = "bridge", ["bridge_ports"] = "eth0" }, ct)).EnsureOk();

        var refused = await lab.Admin.PutAsync(NetworkPath, null, ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains($"management address {lab.Host.Address}", refused.Error("force"), StringComparison.Ordinal);
        Assert.Contains("port of bridge vmbr8", refused.Error("force"), StringComparison.Ordinal);
        Assert.DoesNotContain("vmbr8", await lab.LinksAsync(ct));
        (await lab.Admin.DeleteAsync(NetworkPath, ct)).EnsureOk();
        Assert.Equal(HttpStatusCode.InternalServerError, (await lab.Admin.GetAsync(NetworkPath + "/vmbr8", ct)).Status);
    }

    [Fact]
    public async Task Create_BadFields_ErrorsNameEachField()
    {
        var ct = TestContext.Current.CancellationToken;

        var bond = await lab.Admin.PostAsync(NetworkPath, new() { ["iface"] = "bond0", ["type"] = "bond" }, ct);
        var badPort = await lab.Admin.PostAsync(NetworkPath, new() { ["iface"] = "vmbr9", ["type"] = "bridge", ["bridge_ports"] = "eth9", ["cidr"] = "10.1.2.3" }, ct);
        var duplicate = await lab.Admin.PostAsync(NetworkPath, new() { ["iface"] = "vmbr0", ["type"] = "bridge" }, ct);
        var missing = await lab.Admin.GetAsync(NetworkPath + "/nope0", ct);

        Assert.Equal(HttpStatusCode.BadRequest, bond.Status);
        Assert.Contains("not supported", bond.Error("type"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badPort.Status);
        Assert.Contains("'eth9' does not exist", badPort.Error("bridge_ports"), StringComparison.Ordinal);
        Assert.NotNull(badPort.Error("cidr"));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.Status);
        Assert.Contains("already exists", duplicate.Error("iface"), StringComparison.Ordinal);
        Assert.Contains("interface does not exist", missing.Message ?? missing.Body?.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> ItemAsync(string iface, CancellationToken ct) =>
        (await lab.Admin.GetAsync(NetworkPath, ct)).EnsureOk().Data!.AsArray().Single(i => i!["iface"]!.GetValue<string>() == iface)!;

    private static Task<(int Exit, string Output)> CordAsync(string config, CancellationToken ct, params string[] args) =>
        Cord.RunAsync(config, TimeSpan.FromSeconds(90), ct, args);
}
