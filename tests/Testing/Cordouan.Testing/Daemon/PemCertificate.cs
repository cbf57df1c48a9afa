using System.Security.Cryptography.X509Certificates;

namespace Cordouan.Testing.Daemon;

/// <summary>Loads the certificate (no key) from a PEM file such as a node's <c>certs/node.pem</c>.</summary>
public static class PemCertificate
{
    public static X509Certificate2 Load(string path) =>
        X509CertificateLoader.LoadCertificate(
            Convert.FromBase64String(string.Concat(File.ReadAllLines(path).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))));
}
