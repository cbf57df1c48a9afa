using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cordouan.Cluster.Etcd;
using Cordouan.Core.Errors;
using Cordouan.Platform.Files;

namespace Cordouan.Daemon.Certificates;

/// <summary>
/// The cluster CA and this node's certificates under DATA/certs (directory 0700, keys 0600). The first start of a
/// node creates a CA; a joined node has the cluster's CA certificate and a node certificate signed from its request
/// (the CA key reaches it later through etcd, see <see cref="ClusterCaKey"/>). Operators replace node.pem/node-key.pem
/// with their own certificate; the files are only generated when missing.
/// </summary>
public static class NodeCertificates
{
    /// <summary>The IP addresses of <paramref name="addresses"/> a node certificate must name (wildcards dropped, loopback added).</summary>
    public static IReadOnlyList<IPAddress> IpAddresses(IEnumerable<string> addresses) =>
        addresses.Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>()
            .Where(ip => !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any)).Append(IPAddress.Loopback).Distinct().ToList();

    /// <param name="addresses">IP addresses the certificate must name: the API's, the advertised one, the etcd client and peer ones.</param>
    public static async Task<X509Certificate2> LoadOrCreateAsync(string dataDirectory, string nodeName, IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var ips = IpAddresses(addresses);
        var paths = CertificatePaths.In(dataDirectory);
        SecretFiles.EnsurePrivateDirectory(paths.Directory);
        foreach (var key in paths.Keys)
        {
            SecretFiles.Restrict(key);
        }
        if (!File.Exists(paths.CaCertificate))
        {
            await CreateAuthorityAsync(paths, cancellationToken);
        }
        if (!File.Exists(paths.NodeCertificate) || !File.Exists(paths.NodeKey))
        {
            if (!File.Exists(paths.CaKey))
            {
                throw new CordouanException(
                    $"{paths.NodeCertificate} or its key is missing and this node does not hold the cluster CA key to issue one; " +
                    "put the node's certificate back, or remove the node from its cluster (cord cluster delnode) and join it again");
            }
            await IssueAsync(paths, paths.NodeCertificate, paths.NodeKey, nodeName, ips, cancellationToken);
        }
        else if (File.Exists(paths.CaKey) && IssuedByOurCa(paths) && LacksAddresses(paths.NodeCertificate, ips))
        {
            // An address was added (e.g. an etcd peer network): reissue. An operator's own certificate is never replaced.
            await IssueAsync(paths, paths.NodeCertificate, paths.NodeKey, nodeName, ips, cancellationToken);
        }
        // Kestrel needs an exportable key on Linux; round-tripping through PKCS#12 gives one.
        using var pem = X509Certificate2.CreateFromPemFile(paths.NodeCertificate, paths.NodeKey);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// The certificate, key and CA this node uses for etcd's mutual TLS (client and peer): node.pem when it chains to
    /// the cluster CA, else etcd.pem issued from the CA (and reissued when the CA or the addresses changed).
    /// Call after <see cref="LoadOrCreateAsync"/>.
    /// </summary>
    public static async Task<EtcdTlsFiles> EtcdIdentityAsync(string dataDirectory, string nodeName, IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var ips = IpAddresses(addresses);
        var paths = CertificatePaths.In(dataDirectory);
        if (ChainsToCa(paths.NodeCertificate, paths.CaCertificate) && !LacksAddresses(paths.NodeCertificate, ips))
        {
            return new EtcdTlsFiles(paths.NodeCertificate, paths.NodeKey, paths.CaCertificate);
        }
        var usable = File.Exists(paths.EtcdCertificate) && File.Exists(paths.EtcdKey)
            && ChainsToCa(paths.EtcdCertificate, paths.CaCertificate) && !LacksAddresses(paths.EtcdCertificate, ips);
        if (!usable)
        {
            if (!File.Exists(paths.CaKey))
            {
                throw new CordouanException(
                    $"{paths.NodeCertificate} does not chain to the cluster CA ({paths.CaCertificate}) or lacks this node's addresses, " +
                    "and this node does not hold the CA key to issue an etcd certificate; start it once with the CA key in place");
            }
            await IssueAsync(paths, paths.EtcdCertificate, paths.EtcdKey, nodeName, ips, cancellationToken);
        }
        return new EtcdTlsFiles(paths.EtcdCertificate, paths.EtcdKey, paths.CaCertificate);
    }

    /// <summary>The CA certificate with its key, to issue certificates; null when this node does not hold the key.</summary>
    public static X509Certificate2? LoadAuthority(CertificatePaths paths, string? caKeyPem = null)
    {
        var keyPem = caKeyPem ?? (File.Exists(paths.CaKey) ? File.ReadAllText(paths.CaKey) : null);
        return keyPem is null ? null : X509Certificate2.CreateFromPem(File.ReadAllText(paths.CaCertificate), keyPem);
    }

    /// <summary>True when <paramref name="certificateFile"/> chains to the CA in <paramref name="caFile"/> (and is valid now).</summary>
    public static bool ChainsToCa(string certificateFile, string caFile)
    {
        if (!File.Exists(certificateFile) || !File.Exists(caFile))
        {
            return false;
        }
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificateFile));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        return chain.Build(certificate);
    }

    private static async Task CreateAuthorityAsync(CertificatePaths paths, CancellationToken cancellationToken)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Cordouan Cluster CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        await AtomicFile.WriteAllTextAsync(paths.CaKey, key.ExportPkcs8PrivateKeyPem(), cancellationToken, SecretFiles.PrivateFile);
        await AtomicFile.WriteAllTextAsync(paths.CaCertificate, ca.ExportCertificatePem(), cancellationToken);
    }

    private static async Task IssueAsync(CertificatePaths paths, string certificateFile, string keyFile, string nodeName, IReadOnlyList<IPAddress> ips, CancellationToken cancellationToken)
    {
        using var issuer = LoadAuthority(paths)!;
        using var key = NodeCertificateIssuer.NewKey();
        using var issued = NodeCertificateIssuer.Issue(issuer, key, nodeName, ips);
        await AtomicFile.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem(), cancellationToken, SecretFiles.PrivateFile);
        await AtomicFile.WriteAllTextAsync(certificateFile, issued.ExportCertificatePem(), cancellationToken);
    }

    /// <summary>A certificate we issued (its issuer is named like our CA, whichever CA that was), as opposed to an operator's own.</summary>
    private static bool IssuedByOurCa(CertificatePaths paths)
    {
        using var node = X509Certificate2.CreateFromPem(File.ReadAllText(paths.NodeCertificate));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(paths.CaCertificate));
        return node.Issuer == ca.Subject;
    }

    private static bool LacksAddresses(string certificateFile, IReadOnlyList<IPAddress> ips)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificateFile));
        var named = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateIPAddresses()).ToHashSet();
        return !ips.All(named.Contains);
    }

    /// <summary>SHA-256 fingerprint as Proxmox prints it: upper-case hex pairs joined by ':'.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
