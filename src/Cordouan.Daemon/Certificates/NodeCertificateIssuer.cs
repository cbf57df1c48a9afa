using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cordouan.Core.Errors;

namespace Cordouan.Daemon.Certificates;

/// <summary>
/// Node certificates of the cluster CA: server and client authentication (the API, node-to-node calls and etcd's
/// mutual TLS), naming the node, localhost and the node's IP addresses. A joining node sends a signing request and
/// keeps its key; the member it joins through signs the request.
/// </summary>
public static class NodeCertificateIssuer
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>A new P-256 key for a node certificate.</summary>
    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The PKCS#10 request (PEM) a joining node sends: its public key, its name and its addresses.</summary>
    public static string CreateSigningRequestPem(ECDsa key, string nodeName, IEnumerable<IPAddress> addresses) =>
        Request(Subject(nodeName), PublicKey(key), key, nodeName, addresses).CreateSigningRequestPem();

    /// <summary>Issues a node certificate for <paramref name="key"/> directly (a node holding the CA key).</summary>
    public static X509Certificate2 Issue(X509Certificate2 issuer, ECDsa key, string nodeName, IEnumerable<IPAddress> addresses) =>
        Create(issuer, Request(Subject(nodeName), PublicKey(key), key, nodeName, addresses));

    /// <summary>
    /// Signs a joining node's request: its signature must verify; the certificate names <paramref name="nodeName"/>
    /// (whatever subject the request asks for) and the IP addresses the request lists, and is never a CA.
    /// Bad input throws <see cref="ValidationException"/> on "csr".
    /// </summary>
    public static X509Certificate2 SignRequest(X509Certificate2 issuer, string csrPem, string nodeName)
    {
        CertificateRequest request;
        try
        {
            // "Unsafe" only means the requested extensions are loaded: just the IP addresses are taken from them, every
            // other property of the certificate (subject, CA flag, usages, validity) is decided here.
            request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ValidationException("csr", $"not a valid PEM certificate signing request: {e.Message}");
        }
        if (request.PublicKey.Oid.Value is not ("1.2.840.10045.2.1" or "1.2.840.113549.1.1.1"))
        {
            throw new ValidationException("csr", "the request's key must be an EC or RSA key");
        }
        var addresses = request.CertificateExtensions
            .Where(e => e.Oid?.Value == "2.5.29.17")
            .SelectMany(e => new X509SubjectAlternativeNameExtension(e.RawData, e.Critical).EnumerateIPAddresses())
            .ToList();
        return Create(issuer, Request(Subject(nodeName), request.PublicKey, signer: null, nodeName, addresses));
    }

    private static CertificateRequest Request(X500DistinguishedName subject, PublicKey publicKey, ECDsa? signer, string nodeName, IEnumerable<IPAddress> addresses)
    {
        var request = signer is null
            ? new CertificateRequest(subject, publicKey, HashAlgorithmName.SHA256)
            : new CertificateRequest(subject, signer, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(nodeName);
        names.AddDnsName("localhost");
        foreach (var ip in addresses.Append(IPAddress.Loopback).Distinct())
        {
            names.AddIpAddress(ip);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], false));
        return request;
    }

    private static X509Certificate2 Create(X509Certificate2 issuer, CertificateRequest request)
    {
        var now = DateTimeOffset.UtcNow;
        var notAfter = now.AddYears(2) < issuer.NotAfter ? now.AddYears(2) : new DateTimeOffset(issuer.NotAfter.ToUniversalTime());
        return request.Create(issuer, now.AddDays(-1), notAfter, RandomNumberGenerator.GetBytes(16));
    }

    private static PublicKey PublicKey(ECDsa key) => new(key);

    private static X500DistinguishedName Subject(string nodeName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(nodeName);
        return builder.Build();
    }
}
