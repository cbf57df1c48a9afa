using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cordouan.Api.Proxy;
using Microsoft.Extensions.Time.Testing;

namespace Cordouan.Api.Tests.Proxy;

/// <summary>A cluster CA with node certificates issued like NodeCertificates does, plus a foreign CA's node.</summary>
public sealed class TestPki : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private TestPki(X509Certificate2 ca, X509Certificate2 foreignCa, FakeTimeProvider time)
    {
        Time = time;
        var now = time.GetUtcNow();
        LocalNode = Issue(ca, "node1", now, [ServerAuth, ClientAuth]);
        PeerNode = Issue(ca, "node2", now, [ServerAuth, ClientAuth]);
        ServerOnly = Issue(ca, "web", now, [ServerAuth]);
        ForeignNode = Issue(foreignCa, "node2", now, [ServerAuth, ClientAuth]);
        SelfSigned = SelfSign("CN=node2", now);
        foreignCa.Dispose();
        Tls = new ClusterTls(LocalNode, ca, time);
    }

    public FakeTimeProvider Time { get; }
    public ClusterTls Tls { get; }
    public X509Certificate2 LocalNode { get; }
    public X509Certificate2 PeerNode { get; }
    public X509Certificate2 ServerOnly { get; }
    public X509Certificate2 ForeignNode { get; }
    public X509Certificate2 SelfSigned { get; }

    public static TestPki Create()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return new TestPki(CreateCa("CN=Cordouan Cluster CA", time.GetUtcNow()), CreateCa("CN=Other Cluster CA", time.GetUtcNow()), time);
    }

    public void Dispose()
    {
        Tls.Dispose();
        foreach (var certificate in new[] { LocalNode, PeerNode, ServerOnly, ForeignNode, SelfSigned })
        {
            certificate.Dispose();
        }
    }

    private static X509Certificate2 CreateCa(string subject, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string name, DateTimeOffset now, Oid[] usages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. usages], false));
        using var issued = request.Create(issuer, now.AddDays(-1), now.AddYears(2), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 SelfSign(string subject, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], false));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
    }
}
