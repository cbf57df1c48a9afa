namespace Cordouan.Core.Ceph;

/// <summary>One OSD with its host and state.</summary>
public sealed record CephOsdInfo(int Id, string? Host, bool Up, bool In, double CrushWeight, string? DeviceClass, long TotalBytes, long UsedBytes);
