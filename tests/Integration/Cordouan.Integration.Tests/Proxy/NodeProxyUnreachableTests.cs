using System.Net;
using Xunit;

namespace Cordouan.Integration.Tests.Proxy;

/// <summary>The owner node is down (cordouand killed, the etcd it ran survives): pveproxy's 595.</summary>
public sealed class NodeProxyUnreachableTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task OwnerKilled_ViaOtherNode_Answers595ConnectionRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        (await cluster.ViaNode2.GetAsync("/nodes/node1/status", ct)).EnsureOk();

        await cluster.Node1.KillAsync();
        var response = await cluster.ViaNode2.GetAsync("/nodes/node1/status", ct);

        Assert.Equal((HttpStatusCode)595, response.Status);
        Assert.Equal("Errors during connection establishment, proxy handshake: Connection refused", response.Reason);
        Assert.Equal("Errors during connection establishment, proxy handshake: Connection refused\n", response.Message);
    }
}
