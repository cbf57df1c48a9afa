using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Api;

/// <summary>A node that cannot get its cluster store up refuses to start with a message that says what to fix.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task Start_EtcdBinaryMissing_ExitsWithClearError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = new CordouandNode("broken1", ["--etcd-binary", "/nonexistent/etcd"]);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => node.StartAsync(ct));
        Assert.Contains("exited with 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/etcd", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadListenAddress_ExitsWithValidationError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = new CordouandNode("broken2", ["--listen", "not-an-address"]);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => node.StartAsync(ct));
        Assert.Contains("listen 'not-an-address' must be ADDR[:PORT]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownOption_ExitsNamingItAndListingTheOptions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = new CordouandNode("broken3", ["--lisen", "127.0.0.1:1"]);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => node.StartAsync(ct));
        Assert.Contains("unknown option '--lisen'", e.Message, StringComparison.Ordinal);
        Assert.Contains("--listen", e.Message, StringComparison.Ordinal);
    }
}
