namespace Cordouan.Core.Cluster;

/// <summary>
/// Whether this node is part of a quorate cluster right now. Without quorum the node keeps its VMs running, answers
/// reads from its last known state (flagged stale) and refuses writes.
/// </summary>
public interface IQuorumState
{
    bool IsQuorate { get; }

    /// <summary>When quorum was last lost (null while quorate).</summary>
    DateTimeOffset? LostSince { get; }

    /// <summary>Why quorum is missing, for error messages (null while quorate).</summary>
    string? Reason { get; }

    /// <summary>Name of the member the local etcd member follows as leader (null when none is known).</summary>
    string? LeaderName { get; }
}
