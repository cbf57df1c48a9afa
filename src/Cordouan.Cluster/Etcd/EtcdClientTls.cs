using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cordouan.Core.Errors;

namespace Cordouan.Cluster.Etcd;

/// <summary>
/// The TLS side of a client of etcd: presents this node's certificate, and trusts a member only when its certificate
/// chains to the cluster CA (not the system's CAs) and names the address dialled.
/// </summary>
internal static class EtcdClientTls
{
    /// <summary>TLS options for <paramref name="files"/>, or null for plain HTTP; throws <see cref="CordouanException"/> on unreadable files.</summary>
    public static SslClientAuthenticationOptions? Create(EtcdTlsFiles? files)
    {
        if (files is null)
        {
            return null;
        }
        X509Certificate2 certificate;
        X509Certificate2Collection authorities = [];
        try
        {
            // Through PKCS#12: on Linux SslStream sends a client certificate only with a key it can export.
            using var pem = X509Certificate2.CreateFromPemFile(files.CertificateFile, files.KeyFile);
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            authorities.ImportFromPemFile(files.TrustedCaFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new CordouanException(
                $"cannot load the etcd client certificate ({files.CertificateFile}, {files.KeyFile}) or CA ({files.TrustedCaFile}): {e.Message}", e);
        }
        if (authorities.Count == 0)
        {
            throw new CordouanException($"etcd CA file {files.TrustedCaFile} holds no certificate");
        }
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(authorities);
        return new SslClientAuthenticationOptions
        {
            ClientCertificates = [certificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
            CertificateChainPolicy = policy,
            EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
        };
    }
}
