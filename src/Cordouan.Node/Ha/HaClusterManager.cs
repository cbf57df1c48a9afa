using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Node.Cluster;
using Cordouan.Node.Hosting;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Ha;

/// <summary>
/// The cluster resource manager (CRM): one per cluster, elected through <c>ha/manager</c> (bound to the winner's
/// lease, so it moves on when that node dies). Twice a second it looks at every HA resource: a resource whose node
/// lost its lease (and with it the resource's claim) is recovered on the best allowed node once a fencing margin has
/// passed (the node killed it at its own, earlier, lease deadline; a storage-fenced VM's disk clients are cut off
/// first); a resource its node gave up on is relocated.
/// </summary>
public sealed partial class HaClusterManager(
    HaConfigRepository ha,
    HaClaims claims,
    VmRepository vms,
    ClusterView cluster,
    IClusterStore store,
    TaskManager tasks,
    HaStorageFence fence,
    NodeLeaseState lease,
    NodeIdentity node,
    NodeOptions options,
    TimeProvider time,
    ILogger<HaClusterManager> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Waited after a node's lease is seen gone before its VMs are started elsewhere. The node killed them when its own
    /// deadline passed (counted from the keep-alive it sent, so before etcd's expiry); this covers a slow kill.
    /// </summary>
    internal static readonly TimeSpan FenceMargin = TimeSpan.FromSeconds(2);

    /// <summary>When this manager first saw each node without its lease (timestamps of <see cref="TimeProvider"/>).</summary>
    private readonly Dictionary<string, long> _lostSince = new(StringComparer.Ordinal);
    private bool _leader;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Witness)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (lease.Current is not { } held)
            {
                Resign("this node lost its lease");
                continue;
            }
            using var pass = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, held.Lost);
            try
            {
                if (await LeadAsync(held, pass.Token))
                {
                    await ManageAsync(pass.Token);
                }
            }
            catch (OperationCanceledException) when (pass.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is CordouanException or IOException or TimeoutException)
            {
                LogPassFailed(logger, e.Message);
            }
        }
    }

    /// <summary>Takes the manager role if free, keeps it while the key is bound to this node's current lease.</summary>
    private async Task<bool> LeadAsync(HeldLease held, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(ClusterKeys.HaManager, cancellationToken);
        if (entry is not null)
        {
            if (entry.Lease != held.Id)
            {
                Resign($"node '{JsonSerializer.Deserialize(entry.Value, HaJsonContext.Default.HaManagerStatus)?.Node}' is the manager");
                return false;
            }
            return true;
        }
        var status = new HaManagerStatus { Node = node.NodeName, Since = time.GetUtcNow().ToUnixTimeSeconds() };
        var won = await store.TransactAsync(
            [TxnCompare.Absent(ClusterKeys.HaManager)],
            [new TxnOp.Put(ClusterKeys.HaManager, JsonSerializer.SerializeToUtf8Bytes(status, HaJsonContext.Default.HaManagerStatus), held.Id)],
            cancellationToken);
        if (won.Succeeded)
        {
            _leader = true;
            _lostSince.Clear();
            ForgetStorageFences();
            LogElected(logger, node.NodeName);
        }
        return won.Succeeded;
    }

    private void Resign(string why)
    {
        if (_leader)
        {
            _leader = false;
            LogResigned(logger, why);
        }
    }
}
