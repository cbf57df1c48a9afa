using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Tasks;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon.Membership;

public sealed partial class ClusterMembershipService
{
    /// <summary>
    /// <c>delnode</c>: removes a node that is gone for good (its etcd member and its node document). Refused while the
    /// node is online, and while it owns VMs unless <paramref name="force"/> (its VMs then stay in the configuration,
    /// owned by the removed node, until they are recovered or deleted).
    /// </summary>
    public async Task DeleteNodeAsync(string node, bool force, ulong? learnerId, CancellationToken cancellationToken)
    {
        RequireLocalMember();
        if (node == identity.NodeName)
        {
            throw new ValidationException("node", $"'{node}' is this node: run `cord cluster leave` on it instead");
        }
        var document = await cluster.GetNodeAsync(node, cancellationToken);
        var members = await etcd.ListMembersAsync(cancellationToken);
        var member = members.FirstOrDefault(m => m.Name == node)
            ?? members.FirstOrDefault(m => document?.ClusterUrl is { } url && m.PeerUrls.Any(u => u.TrimEnd('/') == url.TrimEnd('/')))
            ?? members.FirstOrDefault(m => m.Id == learnerId && m.IsLearner && m.Name.Length == 0);
        if (document is null && member is null)
        {
            throw new NotFoundException($"node '{node}' is not a member of this cluster");
        }
        if (await store.GetAsync(ClusterKeys.NodeAlive(node), cancellationToken) is not null)
        {
            throw new ValidationException("node", $"node '{node}' is online: stop it first, or run `cord cluster leave` on it to remove it cleanly");
        }
        var owned = (await vms.ListAsync(cancellationToken)).Where(v => v.Document.Owner == node).Select(v => v.Document.VmId).Order().ToList();
        if (owned.Count > 0 && !force)
        {
            throw new ValidationException("node", $"node '{node}' still owns {owned.Count} VM(s) ({string.Join(", ", owned.Take(20))}); bring it back and migrate them, or repeat with --force: the VMs then stay in the configuration, owned by '{node}', until they are recovered or deleted");
        }
        if (member is not null)
        {
            await RemoveMemberAsync(member.Id, cancellationToken);
        }
        await store.DeleteAsync(ClusterKeys.Node(node), cancellationToken);
        LogNodeDeleted(logger, node, member?.HexId ?? "none", owned.Count);
    }

    /// <summary>
    /// This node leaves: refused while it owns VMs. Its node document and etcd member are removed while the cluster is
    /// quorate, then the services restart as a standalone node with a fresh etcd and a new CA (<see cref="LeaveTransition"/>).
    /// </summary>
    public async Task<Upid> LeaveAsync(string user, CancellationToken cancellationToken)
    {
        RequireLocalMember();
        var members = await etcd.ListMembersAsync(cancellationToken);
        if (members.Count <= 1)
        {
            throw new ValidationException("node", "this node is not in a cluster with other nodes");
        }
        var owned = (await vms.ListAsync(cancellationToken)).Where(v => v.Document.Owner == identity.NodeName).Select(v => v.Document.VmId).Order().ToList();
        if (owned.Count > 0)
        {
            throw new ValidationException("node", $"this node still owns {owned.Count} VM(s) ({string.Join(", ", owned.Take(20))}): migrate or delete them before leaving");
        }
        var (_, document) = await ReadClusterAsync(cancellationToken);
        var self = await etcd.GetStatusAsync(cancellationToken);
        var upid = tasks.NewUpid("clusterleave", document.Name, user);
        tasks.AppendLog(upid, $"Node {identity.NodeName} leaves cluster '{document.Name}'.");
        await store.DeleteAsync(ClusterKeys.Node(identity.NodeName), cancellationToken);
        await store.DeleteAsync(ClusterKeys.NodeAlive(identity.NodeName), cancellationToken);
        try
        {
            await RemoveMemberAsync(self.MemberId, cancellationToken);
        }
        catch (QuorumLostException e) when (e.Message.Contains("server stopped", StringComparison.Ordinal))
        {
            // The request went to this node's own etcd, which stops as soon as it has applied its own removal and may
            // answer the request in flight with ErrStopped: that stop is the removal taking effect.
        }
        tasks.AppendLog(upid, $"etcd member {self.MemberId:x16} removed; restarting as a standalone node.");
        if (!transitions.Request(new LeaveTransition(options, document.Name, upid, logger), lifetime))
        {
            throw MembershipChangeInProgress();
        }
        return upid;
    }

    /// <summary>Removes a member; gone from the member list after a lost answer counts as done.</summary>
    private Task<bool> RemoveMemberAsync(ulong id, CancellationToken cancellationToken) =>
        ChangeMembershipAsync(
            async ct =>
            {
                await etcd.RemoveMemberAsync(id, ct);
                return true;
            },
            members => (members.All(m => m.Id != id), true),
            cancellationToken);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Node {Node} removed from the cluster (etcd member {MemberId}; {Vms} VM(s) still owned by it)")]
    private static partial void LogNodeDeleted(ILogger logger, string node, string memberId, int vms);
}
