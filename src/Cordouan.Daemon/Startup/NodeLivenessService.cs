using System.Text;
using Cordouan.Cluster.Leases;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon.Startup;

/// <summary>
/// Keeps this node's liveness key (<c>alive/&lt;node&gt;</c>) bound to an etcd lease: other nodes see it online while the
/// lease is renewed; it vanishes on its own when this node dies. A lost lease is re-acquired after a short pause.
/// </summary>
public sealed partial class NodeLivenessService(
    Core.Cluster.IClusterStore store, NodeIdentity identity, Cordouan.Node.Ha.NodeLeaseState leaseState, TimeProvider time, ILogger<NodeLivenessService> logger) : BackgroundService
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var document = Encoding.UTF8.GetBytes($"{{\"node\":\"{identity.NodeName}\"}}");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await NodeLease.AcquireAsync(store, new NodeName(identity.NodeName), document, Ttl, time, logger, stoppingToken);
                leaseState.OnAcquired(lease.LeaseId, () => lease.ValidUntilTimestamp, lease.Lost);
                using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                await Task.Delay(Timeout.InfiniteTimeSpan, time, lost.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!stoppingToken.IsCancellationRequested)
                {
                    LogLeaseLost(logger, identity.NodeName, lease.LostReason ?? "unknown");
                }
            }
            catch (QuorumLostException e)
            {
                LogLeaseUnavailable(logger, identity.NodeName, e.Message);
            }
            await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Liveness lease of node {Node} lost ({Reason}); re-acquiring")]
    private static partial void LogLeaseLost(ILogger logger, string node, string reason);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Cannot acquire the liveness lease of node {Node}: {Reason}")]
    private static partial void LogLeaseUnavailable(ILogger logger, string node, string reason);
}
