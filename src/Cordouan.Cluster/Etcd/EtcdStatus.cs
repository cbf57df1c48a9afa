namespace Cordouan.Cluster.Etcd;

/// <summary>What one etcd member reports about itself (from /v3/maintenance/status).</summary>
public sealed record EtcdStatus(string Version, ulong MemberId, ulong Leader, long Revision, long RaftTerm, long DbSizeBytes)
{
    /// <summary>True when the member knows a leader, i.e. it is part of a quorum.</summary>
    public bool HasLeader => Leader != 0;
}
