namespace Cordouan.Daemon.Certificates;

/// <summary>The PEM files under DATA/certs (a directory of mode 0700; keys 0600).</summary>
public sealed record CertificatePaths(string Directory)
{
    public static CertificatePaths In(string dataDirectory) => new(Path.Combine(dataDirectory, "certs"));

    /// <summary>The cluster CA certificate every member's certificate chains to.</summary>
    public string CaCertificate => Path.Combine(Directory, "ca.pem");

    /// <summary>The cluster CA's key: on the node that created the CA, and copied from etcd by the others (root-only).</summary>
    public string CaKey => Path.Combine(Directory, "ca-key.pem");

    /// <summary>The API certificate (operators may replace it with their own).</summary>
    public string NodeCertificate => Path.Combine(Directory, "node.pem");

    public string NodeKey => Path.Combine(Directory, "node-key.pem");

    /// <summary>
    /// The etcd identity used only when node.pem does not chain to the cluster CA (an operator's own API certificate, or
    /// one kept from a cluster the node left): etcd's mutual TLS needs a certificate from the current CA.
    /// </summary>
    public string EtcdCertificate => Path.Combine(Directory, "etcd.pem");

    public string EtcdKey => Path.Combine(Directory, "etcd-key.pem");

    /// <summary>Every private key file kept here.</summary>
    public IEnumerable<string> Keys => [CaKey, NodeKey, EtcdKey];
}
