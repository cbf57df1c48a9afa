using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cordouan.Api.Proxy;

/// <summary>
/// Node-to-node mutual TLS: this node's certificate (presented when forwarding) and the cluster CA that every peer
/// certificate must chain to. Trust is the cluster CA alone (no system roots, no revocation, no downloads): every
/// holder of a certificate it issued is a cluster member.
/// </summary>
public sealed class ClusterTls : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2 _clusterCa;
    private readonly TimeProvider _time;

    public ClusterTls(X509Certificate2 nodeCertificate, X509Certificate2 clusterCa, TimeProvider time)
    {
        NodeCertificate = nodeCertificate;
        _clusterCa = clusterCa;
        _time = time;
    }

    /// <summary>This node's certificate with its private key, presented to peers as the client certificate.</summary>
    public X509Certificate2 NodeCertificate { get; }

    /// <summary>Loads the cluster CA from its PEM file (DATA/certs/ca.pem).</summary>
    public static ClusterTls Load(X509Certificate2 nodeCertificate, string clusterCaPemPath, TimeProvider time) =>
        new(nodeCertificate, X509Certificate2.CreateFromPem(File.ReadAllText(clusterCaPemPath)), time);

    /// <summary>True when <paramref name="certificate"/> chains to the cluster CA and allows client authentication.</summary>
    public bool IsNodeClientCertificate(X509Certificate2 certificate) => ChainsToClusterCa(certificate, ClientAuth);

    /// <summary>True when <paramref name="certificate"/> chains to the cluster CA and allows server authentication.</summary>
    public bool IsNodeServerCertificate(X509Certificate2 certificate) => ChainsToClusterCa(certificate, ServerAuth);

    /// <summary>Kestrel's client-certificate callback: the platform's verdict (system roots) is replaced by ours.</summary>
    public bool ValidateClientCertificate(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors) =>
        IsNodeClientCertificate(certificate);

    /// <summary>
    /// The forwarder's server-certificate callback. The host name is not checked: peers are reached by the address in
    /// their node document, which the certificate need not name, and the cluster CA already identifies members.
    /// </summary>
    public bool ValidateServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is X509Certificate2 presented && (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0 && IsNodeServerCertificate(presented);

    public void Dispose() => _clusterCa.Dispose();

    private bool ChainsToClusterCa(X509Certificate2 certificate, Oid usage)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(_clusterCa);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.ApplicationPolicy.Add(usage);
        policy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        try
        {
            return chain.Build(certificate);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }
}
