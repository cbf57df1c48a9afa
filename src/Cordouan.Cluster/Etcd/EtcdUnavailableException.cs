namespace Cordouan.Cluster.Etcd;

/// <summary>
/// One member could not serve a request (unreachable, no leader, timed out). Internal: the transport retries other
/// members and turns the last of these into a QuorumLostException.
/// </summary>
internal sealed class EtcdUnavailableException(string reason, bool maybeApplied, Exception? inner = null)
    : Exception(reason, inner)
{
    /// <summary>True when the request may have reached etcd, so a write must not be blindly retried.</summary>
    public bool MaybeApplied { get; } = maybeApplied;
}
