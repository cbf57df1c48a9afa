using System.Text.Json;
using Cordouan.Cluster.Etcd;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Tasks;
using Cordouan.Daemon.Configuration;
using Cordouan.Node;
using Cordouan.Node.Cluster;
using Cordouan.Node.Cluster.Membership;
using Cordouan.Node.Hosting;
using Cordouan.Node.Tasks;
using Cordouan.Node.Vms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon.Membership;

/// <summary>
/// Cluster membership over etcd membership: each node is an etcd member (a learner first, promoted once it has
/// caught up, so a join never costs quorum). This file: naming the cluster, join information and the node list; the
/// partial files handle adding a node (member side), joining (new node side), removing a node and leaving.
/// </summary>
public sealed partial class ClusterMembershipService(
    IClusterStore store,
    EtcdClusterStore etcd,
    IServiceProvider services,
    ClusterView cluster,
    VmRepository vms,
    TaskManager tasks,
    DaemonOptions options,
    NodeIdentity identity,
    HostTransitions transitions,
    IHostApplicationLifetime lifetime,
    LearnerPromoter promoter,
    Access.Tokens.ApiTokenService apiTokens,
    TimeProvider time,
    ILogger<ClusterMembershipService> logger) : IClusterMembership
{
    public async Task<Upid> CreateAsync(string clusterName, string user, CancellationToken cancellationToken)
    {
        var (entry, document) = await ReadClusterAsync(cancellationToken);
        if (document.Formed)
        {
            throw new ValidationException("clustername", $"this node already belongs to cluster '{document.Name}'");
        }
        var nodes = await cluster.ListNodesAsync(cancellationToken);
        if (nodes.Count > 1)
        {
            throw new ValidationException("clustername", $"this node is not alone ({string.Join(", ", nodes.Select(n => n.Name))}); a cluster is created on one node and the others join it");
        }
        return await tasks.StartAsync("clustercreate", clusterName, user, async ctx =>
        {
            var formed = document with { Name = clusterName, Formed = true, ConfigVersion = document.ConfigVersion + 1 };
            var result = await store.CompareAndPutAsync(
                ClusterKeys.Cluster, entry.ModRevision, JsonSerializer.SerializeToUtf8Bytes(formed, StateJsonContext.Default.ClusterDocument), ctx.CancellationToken);
            if (!result.Succeeded)
            {
                throw new ConfigConflictException();
            }
            ctx.Log($"Cluster '{clusterName}' created on node {identity.NodeName}.");
            ctx.Log($"Other nodes join with: cord cluster join {options.EffectiveAddress}:{options.ListenEndpoint.Port} --fingerprint {identity.SslFingerprint}");
        }, cancellationToken);
    }

    public async Task<JoinInfo> GetJoinInfoAsync(CancellationToken cancellationToken)
    {
        var status = await cluster.GetStatusAsync(cancellationToken);
        if (!status.Formed)
        {
            throw new ValidationException("hostname", $"node '{identity.NodeName}' is a standalone node, not a cluster: run `cord cluster create <name>` on it first");
        }
        var documents = (await cluster.ListNodesAsync(cancellationToken)).ToDictionary(n => n.Name, StringComparer.Ordinal);
        var nodes = status.Nodes
            .Select(n => documents[n.Name])
            .Select(d => new JoinInfoNode(d.Name, d.NodeId, d.Address, d.ApiPort, d.SslFingerprint, d.ClusterUrl, d.IsWitness, status.Nodes.First(n => n.Name == d.Name).Online))
            .ToList();
        return new JoinInfo(status.Name, status.ConfigVersion, identity.NodeName, nodes);
    }

    private async Task<(StoreEntry Entry, ClusterDocument Document)> ReadClusterAsync(CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(ClusterKeys.Cluster, cancellationToken)
            ?? throw new CordouanException("the cluster document is missing from etcd; restart cordouand to recreate it");
        return (entry, JsonSerializer.Deserialize(entry.Value, StateJsonContext.Default.ClusterDocument)!);
    }

    private void RequireLocalMember()
    {
        if (services.GetService<EtcdMember>() is null)
        {
            throw new ValidationException("node", "this node uses external etcd endpoints (--etcd-endpoints): its cluster membership is managed in that etcd, not by cordouand");
        }
        if (transitions.IsPending)
        {
            throw MembershipChangeInProgress();
        }
    }
}
