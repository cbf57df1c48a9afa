namespace Cordouan.Cluster.Etcd.Wire;

/// <summary>Empty body of POST /v3/maintenance/status.</summary>
internal sealed record StatusRequest;
