namespace Cordouan.Cluster.Etcd;

/// <summary>
/// PEM files for mutual TLS with etcd (between members, and between clients and a member): this side's certificate and
/// key, and the CA the other side's certificate must chain to.
/// </summary>
public sealed record EtcdTlsFiles(string CertificateFile, string KeyFile, string TrustedCaFile);
