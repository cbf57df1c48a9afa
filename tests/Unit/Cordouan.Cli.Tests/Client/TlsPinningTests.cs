using Cordouan.Cli.Tests.Fakes;
using Cordouan.Client;
using Cordouan.Client.Credentials;
using Cordouan.Client.Errors;
using Cordouan.Client.Security;
using Xunit;

namespace Cordouan.Cli.Tests.Client;

/// <summary>Certificate pinning through the real TLS stack against a self-signed loopback server.</summary>
public sealed class TlsPinningTests : IAsyncLifetime
{
    private const string Other = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    private readonly FakeTlsServer _server = new("""{"data":{"version":"8.4.1","release":"8.4","repoid":"abcdef12"}}""");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task GetVersionAsync_PinnedFingerprintMatches_Succeeds()
    {
        var pinned = CertificateFingerprint.Compute(_server.Certificate).Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        using var client = CreateClient(pinned, insecure: false);

        var version = await client.GetVersionAsync(TestContext.Current.CancellationToken);

        Assert.Equal("8.4.1", version.Version);
    }

    [Fact]
    public async Task GetVersionAsync_PinnedFingerprintDiffers_FailsShowingPresentedFingerprint()
    {
        using var client = CreateClient(Other, insecure: false);

        var exception = await Assert.ThrowsAsync<CordouanConnectionException>(() => client.GetVersionAsync(TestContext.Current.CancellationToken));

        var presented = CertificateFingerprint.Compute(_server.Certificate);
        Assert.Equal(presented, exception.PresentedFingerprint);
        Assert.Contains($"does not match the pinned fingerprint {Other}", exception.Message, StringComparison.Ordinal);
        Assert.Contains(presented, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersionAsync_NoPinSelfSigned_FailsAsUntrusted()
    {
        using var client = CreateClient(null, insecure: false);

        var exception = await Assert.ThrowsAsync<CordouanConnectionException>(() => client.GetVersionAsync(TestContext.Current.CancellationToken));

        Assert.Contains("is not trusted by this system", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersionAsync_Insecure_Succeeds()
    {
        using var client = CreateClient(null, insecure: true);

        Assert.Equal("8.4", (await client.GetVersionAsync(TestContext.Current.CancellationToken)).Release);
    }

    private CordouanClient CreateClient(string? fingerprint, bool insecure) =>
        new(new CordouanClientOptions
        {
            BaseAddress = _server.BaseAddress,
            Fingerprint = fingerprint,
            Insecure = insecure,
            Credentials = new ApiTokenCredentials("root@pam!ci=s"),
        });
}
