namespace Cordouan.Cluster.Etcd;

/// <summary>PEM files for etcd's peer mutual TLS: this member's certificate and key, and the CA members must chain to.</summary>
public sealed record EtcdPeerTls(string CertificateFile, string KeyFile, string TrustedCaFile);
