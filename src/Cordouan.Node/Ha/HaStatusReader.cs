using System.Text.Json;
using Cordouan.Core.Cluster;
using Cordouan.Node.Cluster;
using Cordouan.Node.Hosting;
using Cordouan.Node.Vms;

namespace Cordouan.Node.Ha;

/// <summary>What <c>/cluster/ha/status/current</c> shows: quorum, the elected manager, each node's LRM, each resource.</summary>
public sealed class HaStatusReader(HaConfigRepository ha, HaClaims claims, VmRepository vms, ClusterView cluster, IClusterStore store, IQuorumState quorum, NodeIdentity node)
{
    public async Task<HaStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var managerEntry = await store.GetAsync(ClusterKeys.HaManager, cancellationToken);
        var manager = managerEntry is null ? null : JsonSerializer.Deserialize(managerEntry.Value, HaJsonContext.Default.HaManagerStatus);
        var alive = (await store.ListAsync(ClusterKeys.AlivePrefix, cancellationToken)).Select(e => e.Key[ClusterKeys.AlivePrefix.Length..]).ToHashSet(StringComparer.Ordinal);
        var lrms = (await ha.Lrms.ListAsync(cancellationToken)).ToDictionary(l => l.Key[ClusterKeys.HaLrmPrefix.Length..], l => l.Document, StringComparer.Ordinal);
        var nodes = (await cluster.ListNodesAsync(cancellationToken)).Where(n => !n.IsWitness).Select(n => n.Name).Order(StringComparer.Ordinal);
        var lrmLines = nodes.Select(name => new HaLrmLine(name, LrmMode(name, alive, lrms), lrms.GetValueOrDefault(name)?.Timestamp ?? 0)).ToList();
        var services = (await ha.Services.ListAsync(cancellationToken)).ToDictionary(s => s.Document.Sid, s => s.Document, StringComparer.Ordinal);
        var claimed = await claims.ListAsync(cancellationToken);
        var all = (await vms.ListAsync(cancellationToken)).ToDictionary(v => v.Document.VmId, v => v.Document);
        var serviceLines = (await ha.Resources.ListAsync(cancellationToken)).Select(r => r.Document).OrderBy(r => r.VmId).Select(r =>
        {
            var state = services.GetValueOrDefault(r.Sid);
            var owner = all.GetValueOrDefault(r.VmId)?.Owner ?? state?.Node ?? "";
            return new HaServiceLine(r, owner, state?.State ?? (r.State == HaStates.Started ? "queued" : r.State), state?.Message,
                claimed.TryGetValue(r.Sid, out var claim) ? HaClaims.NodeOf(claim) : null);
        }).ToList();
        return new HaStatus(node.NodeName, quorum.IsQuorate, manager, alive.Contains(manager?.Node ?? ""), lrmLines, serviceLines);
    }

    private static string LrmMode(string name, HashSet<string> alive, Dictionary<string, HaLrmStatus> lrms) =>
        lrms.GetValueOrDefault(name)?.Mode is HaLrmModes.Restart ? HaLrmModes.Restart
        : !alive.Contains(name) ? "dead"
        : lrms.GetValueOrDefault(name)?.Mode ?? HaLrmModes.Idle;
}

public sealed record HaStatus(string LocalNode, bool Quorate, HaManagerStatus? Manager, bool ManagerAlive, IReadOnlyList<HaLrmLine> Lrms, IReadOnlyList<HaServiceLine> Services);

/// <summary>One node's local manager: <c>active</c>, <c>idle</c>, <c>restart</c> or <c>dead</c> (no lease).</summary>
public sealed record HaLrmLine(string Node, string Mode, long Timestamp);

/// <summary>One resource: its configuration, where it is, the managers' state and which node's lease holds its claim.</summary>
public sealed record HaServiceLine(HaResourceDocument Resource, string Node, string CrmState, string? Message, string? ClaimedBy);
