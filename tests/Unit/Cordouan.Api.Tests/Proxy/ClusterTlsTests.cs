using System.Net.Security;
using Xunit;

namespace Cordouan.Api.Tests.Proxy;

public sealed class ClusterTlsTests
{
    [Fact]
    public void IsNodeClientCertificate_IssuedByClusterCa_Accepted()
    {
        using var pki = TestPki.Create();

        Assert.True(pki.Tls.IsNodeClientCertificate(pki.PeerNode));
        Assert.True(pki.Tls.IsNodeServerCertificate(pki.PeerNode));
        // The chain's own copies are disposed, never the certificate under test.
        Assert.Equal("CN=node2", pki.PeerNode.Subject);
    }

    [Fact]
    public void IsNodeClientCertificate_OtherClusterCa_Rejected()
    {
        using var pki = TestPki.Create();

        Assert.False(pki.Tls.IsNodeClientCertificate(pki.ForeignNode));
        Assert.False(pki.Tls.IsNodeServerCertificate(pki.ForeignNode));
    }

    [Fact]
    public void IsNodeClientCertificate_SelfSigned_Rejected()
    {
        using var pki = TestPki.Create();

        Assert.False(pki.Tls.IsNodeClientCertificate(pki.SelfSigned));
    }

    [Fact]
    public void IsNodeClientCertificate_ServerAuthOnly_Rejected()
    {
        using var pki = TestPki.Create();

        Assert.False(pki.Tls.IsNodeClientCertificate(pki.ServerOnly));
        Assert.True(pki.Tls.IsNodeServerCertificate(pki.ServerOnly));
    }

    [Fact]
    public void IsNodeClientCertificate_Expired_Rejected()
    {
        using var pki = TestPki.Create();
        pki.Time.Advance(TimeSpan.FromDays(3 * 365));

        Assert.False(pki.Tls.IsNodeClientCertificate(pki.PeerNode));
    }

    [Fact]
    public void ValidateServerCertificate_NameMismatchButClusterCa_Accepted()
    {
        using var pki = TestPki.Create();

        Assert.True(pki.Tls.ValidateServerCertificate(this, pki.PeerNode, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void ValidateServerCertificate_NoCertificate_Rejected()
    {
        using var pki = TestPki.Create();

        Assert.False(pki.Tls.ValidateServerCertificate(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Fact]
    public void ValidateClientCertificate_PlatformErrorsIgnored_ClusterCaDecides()
    {
        using var pki = TestPki.Create();

        Assert.True(pki.Tls.ValidateClientCertificate(pki.PeerNode, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(pki.Tls.ValidateClientCertificate(pki.ForeignNode, null, SslPolicyErrors.None));
    }
}
