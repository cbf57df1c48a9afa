using Cordouan.Api.Proxy;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Cordouan.Api.Tests.Proxy;

public sealed class ProxyPathsTests
{
    [Theory]
    [InlineData("/api2/json/nodes/node1/status", "node1")]
    [InlineData("/api2/json/nodes/node1", "node1")]
    [InlineData("/api2/json/nodes/pve-2/qemu/100/serialwebsocket", "pve-2")]
    [InlineData("/api2/json/nodes/n1/tasks/UPID:n1:00001:00002:00003:qmstart:100:root@pam:/status", "n1")]
    [InlineData("/api2/extjs/nodes/node2/qemu", "node2")]
    public void TryGetNode_NodeScopedPath_ReturnsNode(string path, string expected)
    {
        Assert.True(ProxyPaths.TryGetNode(new PathString(path), out var node));
        Assert.Equal(expected, node);
    }

    [Theory]
    [InlineData("/api2/json/nodes")]
    [InlineData("/api2/json/version")]
    [InlineData("/api2/json/cluster/resources")]
    [InlineData("/api2/json/access/ticket")]
    [InlineData("/api2/json/storage/local")]
    [InlineData("/api2/json/clusternodes/node1")]
    [InlineData("/nodes/node1/status")]
    [InlineData("/api2/html/nodes/node1/status")]
    [InlineData("")]
    public void TryGetNode_ClusterWidePath_ReturnsFalse(string path)
    {
        Assert.False(ProxyPaths.TryGetNode(new PathString(path), out var node));
        Assert.Null(node);
    }

    [Theory]
    [InlineData("/api2/json/nodes/-bad/status")]
    [InlineData("/api2/json/nodes/bad-/status")]
    [InlineData("/api2/json/nodes/a%2Fb/status")]
    [InlineData("/api2/json/nodes/no.dots/status")]
    [InlineData("/api2/json/nodes/")]
    public void TryGetNode_InvalidNodeName_ReturnsFalse(string path)
    {
        Assert.False(ProxyPaths.TryGetNode(new PathString(path), out _));
    }
}
