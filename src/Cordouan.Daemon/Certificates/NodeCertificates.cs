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
    public static async Task<X509Certificate2> LoadOrCreateAsync(string dataDirectory, string nodeName, string listenHost, CancellationToken cancellationToken)
    {
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
        if (!File.Exists(nodeCert) || !File.Exists(nodeKey))
        {
            using var issuer = X509Certificate2.CreateFromPemFile(caCert, caKey);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={nodeName}", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(nodeName);
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            if (IPAddress.TryParse(listenHost, out var ip) && !ip.Equals(IPAddress.Any))
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

    /// <summary>SHA-256 fingerprint as Proxmox prints it: upper-case hex pairs joined by ':'.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
