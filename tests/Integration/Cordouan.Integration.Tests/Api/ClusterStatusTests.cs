using Cordouan.Integration.Tests.Fixtures;
using Xunit;

namespace Cordouan.Integration.Tests.Api;

/// <summary>A single node reports itself as a quorate one-node cluster, online through its liveness lease.</summary>
[Collection("node")]
public sealed class ClusterStatusTests(SharedNode shared)
{
    [Fact]
    public async Task ClusterStatus_SingleNode_QuorateAndOnline()
    {
        var ct = TestContext.Current.CancellationToken;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        System.Text.Json.Nodes.JsonArray status;
        while (true)
        {
            status = (await shared.Admin.GetAsync("/cluster/status", deadline.Token)).EnsureOk().Data!.AsArray();
            if (status.Any(s => s!["type"]!.GetValue<string>() == "node" && s["online"]!.GetValue<int>() == 1))
            {
                break;
            }
            await Task.Delay(200, deadline.Token);
        }
        var cluster = status.Single(s => s!["type"]!.GetValue<string>() == "cluster")!;
        Assert.Equal(1, cluster["quorate"]!.GetValue<int>());
        Assert.Equal(1, cluster["nodes"]!.GetValue<int>());
        var node = status.Single(s => s!["type"]!.GetValue<string>() == "node")!;
        Assert.Equal(shared.Node.NodeName, node["name"]!.GetValue<string>());
        Assert.Equal(1, node["local"]!.GetValue<int>());

        var nodes = (await shared.Admin.GetAsync("/nodes", ct)).EnsureOk().Data!.AsArray();
        var self = nodes.Single()!;
        Assert.Equal("online", self["status"]!.GetValue<string>());
        Assert.Equal(shared.Node.Fingerprint(), self["ssl_fingerprint"]!.GetValue<string>());
        Assert.True(self["maxmem"]!.GetValue<long>() > 0);

        var nextId = (await shared.Admin.GetAsync("/cluster/nextid", ct)).EnsureOk().Data!;
        Assert.Equal(System.Text.Json.JsonValueKind.String, nextId.GetValueKind());
    }
}
