namespace Cordouan.Core.Storage;

/// <summary>Capacity of a storage as seen from this node.</summary>
public sealed record StorageStatus(bool Active, long TotalBytes, long UsedBytes, long AvailableBytes);
