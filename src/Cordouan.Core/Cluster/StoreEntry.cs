namespace Cordouan.Core.Cluster;

/// <summary>One key as read from the cluster store. <see cref="ModRevision"/> is the revision of its last write.</summary>
public sealed record StoreEntry(string Key, byte[] Value, long ModRevision, long CreateRevision, long Lease);
