using System.Text.Json.Nodes;
using Cordouan.Integration.Tests.Fixtures;
using Xunit;

namespace Cordouan.Integration.Tests.Ceph;

/// <summary>The real <c>cord ceph …</c> commands against the shared micro cluster.</summary>
[Collection("ceph")]
public sealed class CephCliTests(CephCluster cluster)
{
    [Fact]
    public async Task CordCeph_StatusAndPoolLifecycle_WorkAndErrorsExitNonZero()
    {
        var ct = TestContext.Current.CancellationToken;
        var config = await cluster.LoginCordAsync(ct);

        var status = await RunAsync(config, ct, "ceph", "status");
        Assert.True(status.Exit == 0, status.Output);
        Assert.Contains("health:", status.Output, StringComparison.Ordinal);
        Assert.Contains("3 total", status.Output, StringComparison.Ordinal);
        var json = await RunAsync(config, ct, "--output", "json", "ceph", "status");
        Assert.True(json.Exit == 0, json.Output);
        Assert.Equal(3, JsonNode.Parse(json.Output)!["osdmap"]!["num_osds"]!.GetValue<int>());

        var create = await RunAsync(config, ct, "ceph", "pool", "create", "fromcli", "--size", "2", "--min-size", "1", "--pg-num", "8", "--pg-autoscale-mode", "off", "--add-storages");
        Assert.True(create.Exit == 0, create.Output);
        Assert.Equal("rbd", (await cluster.Admin.GetAsync("/storage/fromcli", ct)).EnsureOk().Data!["type"]!.GetValue<string>());
        var list = await RunAsync(config, ct, "ceph", "pool", "list");
        Assert.Contains("fromcli", list.Output, StringComparison.Ordinal);
        var twice = await RunAsync(config, ct, "ceph", "pool", "create", "fromcli");
        Assert.NotEqual(0, twice.Exit);
        Assert.Contains("already exists", twice.Output, StringComparison.Ordinal);
        var destroy = await RunAsync(config, ct, "ceph", "pool", "destroy", "fromcli", "--remove-storages");
        Assert.True(destroy.Exit == 0, destroy.Output);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await cluster.Admin.GetAsync("/storage/fromcli", ct)).Status);

        var monTwice = await RunAsync(config, ct, "ceph", "mon", "create");
        Assert.NotEqual(0, monTwice.Exit);
        Assert.Contains("already has monitor", monTwice.Output, StringComparison.Ordinal);
        var noOsd = await RunAsync(config, ct, "ceph", "osd", "destroy", "42");
        Assert.NotEqual(0, noOsd.Exit);
        Assert.Contains("no such OSD", noOsd.Output, StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Output)> RunAsync(string config, CancellationToken ct, params string[] args) =>
        Cord.RunAsync(config, TimeSpan.FromSeconds(90), ct, args);
}
