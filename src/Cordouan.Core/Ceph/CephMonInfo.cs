namespace Cordouan.Core.Ceph;

/// <summary>One monitor of the monmap.</summary>
public sealed record CephMonInfo(string Name, string Address, string? Host, int Rank, bool InQuorum);
