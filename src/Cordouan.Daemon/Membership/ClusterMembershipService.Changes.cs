using Cordouan.Cluster.Etcd;
using Cordouan.Core.Errors;

namespace Cordouan.Daemon.Membership;

public sealed partial class ClusterMembershipService
{
    /// <summary>How long a membership change is retried while etcd calls the cluster unhealthy.</summary>
    private static readonly TimeSpan MembershipChangeRetry = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs an etcd membership change. etcd refuses them ("unhealthy cluster") until its leader has been connected to a
    /// quorum for 5 s, which is not yet the case just after another node joined or left: retry for a while. An answer
    /// lost on the way may hide a change that was applied, so before each retry <paramref name="appliedIn"/> looks for
    /// it in the member list.
    /// </summary>
    private async Task<T> ChangeMembershipAsync<T>(
        Func<CancellationToken, Task<T>> change, Func<IReadOnlyList<EtcdMemberInfo>, (bool Applied, T Result)> appliedIn, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                return await change(cancellationToken);
            }
            catch (QuorumLostException e) when (e.Message.Contains("unhealthy cluster", StringComparison.Ordinal) && time.GetElapsedTime(started) < MembershipChangeRetry)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
                var (applied, result) = appliedIn(await etcd.ListMembersAsync(cancellationToken));
                if (applied)
                {
                    return result;
                }
            }
        }
    }

    private static CordouanException MembershipChangeInProgress() =>
        new("a cluster membership change is already in progress on this node; wait for it to finish");
}
