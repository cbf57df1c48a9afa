using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cordouan.Client.Security;
using Xunit;

namespace Cordouan.Cli.Tests.Client;

public sealed class CertificateFingerprintTests
{
    private const string Colons = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    [Theory]
    [InlineData(Colons)]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("  ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89 ")]
    [InlineData("sha256=ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    public void Normalize_AnyAcceptedSpelling_GivesUpperCaseColonPairs(string text)
    {
        Assert.Equal(Colons, CertificateFingerprint.Normalize(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AB:CD")]
    [InlineData("zz:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678")]
    public void TryNormalize_Malformed_ReturnsFalse(string text)
    {
        Assert.False(CertificateFingerprint.TryNormalize(text, out _));
    }

    [Fact]
    public void Matches_DifferentSpellingsOfSameHash_AreEqual()
    {
        Assert.True(CertificateFingerprint.Matches(Colons, Colons.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant()));
        Assert.False(CertificateFingerprint.Matches(Colons, Colons.Replace("AB:CD", "AB:CE", StringComparison.Ordinal)));
        Assert.False(CertificateFingerprint.Matches(Colons, "garbage"));
    }

    [Fact]
    public void Compute_Certificate_IsSha256OfDerBytes()
    {
        using var certificate = CreateSelfSigned();

        var expected = CertificateFingerprint.Format(SHA256.HashData(certificate.RawData));

        Assert.Equal(expected, CertificateFingerprint.Compute(certificate));
        Assert.Equal(95, expected.Length);
    }

    [Fact]
    public void Validate_PinnedFingerprintMatches_AcceptsDespiteUntrustedChain()
    {
        using var certificate = CreateSelfSigned();
        var pinned = CertificateFingerprint.Compute(certificate).Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        var validator = new ServerCertificateValidator(pinned, insecure: false);

        Assert.True(validator.Validate(this, certificate, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Null(validator.LastRejectedFingerprint);
    }

    [Fact]
    public void Validate_PinnedFingerprintDiffers_RejectsAndRemembersPresentedOne()
    {
        using var certificate = CreateSelfSigned();
        var validator = new ServerCertificateValidator(Colons, insecure: false);

        Assert.False(validator.Validate(this, certificate, null, SslPolicyErrors.None));
        Assert.Equal(CertificateFingerprint.Compute(certificate), validator.LastRejectedFingerprint);
    }

    [Fact]
    public void Validate_NoPin_FollowsSystemTrust()
    {
        using var certificate = CreateSelfSigned();
        var validator = new ServerCertificateValidator(null, insecure: false);

        Assert.True(validator.Validate(this, certificate, null, SslPolicyErrors.None));
        Assert.False(validator.Validate(this, certificate, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_Insecure_AcceptsAnything()
    {
        using var certificate = CreateSelfSigned();
        var validator = new ServerCertificateValidator(null, insecure: true);

        Assert.True(validator.Validate(this, certificate, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=cordouan-test", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
