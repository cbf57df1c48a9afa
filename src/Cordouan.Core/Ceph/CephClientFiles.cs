namespace Cordouan.Core.Ceph;

/// <summary>This node's client files for the Ceph cluster Cordouan deployed: ceph.conf (names the monitors) and the admin keyring.</summary>
public sealed record CephClientFiles(string ConfPath, string AdminKeyringPath);
