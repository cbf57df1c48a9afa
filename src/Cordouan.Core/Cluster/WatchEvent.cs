namespace Cordouan.Core.Cluster;

/// <summary>A change seen by a watch: <see cref="Value"/> is null for a delete.</summary>
public sealed record WatchEvent(string Key, byte[]? Value, long ModRevision);
