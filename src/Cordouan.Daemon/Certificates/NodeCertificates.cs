using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cordouan.Platform.Files;

namespace Cordouan.Daemon.Certificates;

/// <summary>
/// The cluster CA and this node's API certificate, created at first start under DATA/certs (keys mode 0600).
/// Operators replace node.pem/node-key.pem with their own certificate; the files are only generated when missing.
/// </summary>
public static class NodeCertificates
{
    /// <param name="addresses">IP addresses the certificate must name: the API's, the advertised one, the etcd peer one.</param>
    public static async Task<X509Certificate2> LoadOrCreateAsync(string dataDirectory, string nodeName, IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var ips = addresses.Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>()
            .Where(ip => !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any)).Append(IPAddress.Loopback).Distinct().ToList();
        var dir = Path.Combine(dataDirectory, "certs");
        Directory.CreateDirectory(dir);
        var caCert = Path.Combine(dir, "ca.pem");
        var caKey = Path.Combine(dir, "ca-key.pem");
        var nodeCert = Path.Combine(dir, "node.pem");
        var nodeKey = Path.Combine(dir, "node-key.pem");
        if (!File.Exists(caCert) || !File.Exists(caKey))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Cordouan Cluster CA", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            await AtomicFile.WriteAllTextAsync(caKey, key.ExportPkcs8PrivateKeyPem(), cancellationToken, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await AtomicFile.WriteAllTextAsync(caCert, ca.ExportCertificatePem(), cancellationToken);
        }
        if (!File.Exists(nodeCert) || !File.Exists(nodeKey) || LacksAddresses(nodeCert, caCert, ips))
        {
            using var issuer = X509Certificate2.CreateFromPemFile(caCert, caKey);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={nodeName}", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(nodeName);
            names.AddDnsName("localhost");
            foreach (var ip in ips)
            {
                names.AddIpAddress(ip);
            }
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
            var serial = RandomNumberGenerator.GetBytes(16);
            using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2), serial);
            await AtomicFile.WriteAllTextAsync(nodeKey, key.ExportPkcs8PrivateKeyPem(), cancellationToken, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await AtomicFile.WriteAllTextAsync(nodeCert, issued.ExportCertificatePem(), cancellationToken);
        }
        // Kestrel needs an exportable key on Linux; round-tripping through PKCS#12 gives one.
        using var pem = X509Certificate2.CreateFromPemFile(nodeCert, nodeKey);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// True for a certificate we issued (from our CA) that does not name every address it is now used on (an address
    /// was added, e.g. an etcd peer network): it is then reissued. An operator's own certificate is never replaced.
    /// </summary>
    private static bool LacksAddresses(string nodeCert, string caCert, IReadOnlyList<IPAddress> ips)
    {
        using var node = X509Certificate2.CreateFromPem(File.ReadAllText(nodeCert));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caCert));
        if (node.Issuer != ca.Subject)
        {
            return false;
        }
        var named = node.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateIPAddresses()).ToHashSet();
        return !ips.All(named.Contains);
    }

    /// <summary>SHA-256 fingerprint as Proxmox prints it: upper-case hex pairs joined by ':'.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
