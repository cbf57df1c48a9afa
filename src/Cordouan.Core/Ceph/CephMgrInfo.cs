namespace Cordouan.Core.Ceph;

/// <summary>One manager: the active one or a standby.</summary>
public sealed record CephMgrInfo(string Name, string? Address, string? Host, bool Active);
