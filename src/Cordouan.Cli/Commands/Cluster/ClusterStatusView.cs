using System.Globalization;
using Cordouan.Cli.Infrastructure;
using Cordouan.Contracts.Cluster;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary>
/// What <c>cord cluster status</c> prints for <c>GET /cluster/status</c>: a header (name, quorum, node and vote counts,
/// witness), every warning (the nodes' traffic network ones included), a note when the answer is a stale last known
/// state, and one row per node. Every member (witness included) is one etcd voter, so votes are counted per node.
/// </summary>
public sealed record ClusterStatusView(string Header, IReadOnlyList<string> Warnings, string? StaleNote, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    public static readonly IReadOnlyList<string> Columns = ["NODE", "ID", "IP", "ONLINE", "LEADER", "WITNESS", "MAINT", "LOCAL", "NETWORKS"];

    public static ClusterStatusView From(IReadOnlyList<ClusterStatusItem> items)
    {
        var nodes = items.Where(i => i.Type == "node").OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
        var cluster = items.FirstOrDefault(i => i.Type == "cluster");
        var warnings = items.Select(i => i.Warning).Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w!.Trim()).Distinct(StringComparer.Ordinal)
            .Concat(nodes.SelectMany(n => (n.NetworkWarnings ?? []).Select(w => $"node {n.Name}: {w}")))
            .ToList();
        string? staleNote = null;
        if (items.Any(i => i.Stale == true))
        {
            var local = nodes.FirstOrDefault(n => n.Local == true)?.Name ?? "the node you asked";
            staleNote = $"NOTE: {local} has no quorum: this is its last known state, which may be out of date.";
        }
        var rows = nodes.Select(n => (IReadOnlyList<string?>)
        [
            n.Name, n.NodeId?.ToString(CultureInfo.InvariantCulture), n.Ip, Formatting.YesNo(n.Online),
            Mark(n.Leader == true), Mark(n.IsWitness), Mark(n.Maintenance == true), Mark(n.Local == true),
            n.Networks.Count == 0 ? null : string.Join(' ', n.Networks),
        ]).ToList();
        return new ClusterStatusView(BuildHeader(cluster, nodes), warnings, staleNote, rows);
    }

    private static string BuildHeader(ClusterStatusItem? cluster, List<ClusterStatusItem> nodes)
    {
        if (cluster is null)
        {
            return "Standalone node (no cluster): create one with 'cord cluster create <name>' or join one with 'cord cluster join'.";
        }
        var total = Math.Max(nodes.Count, cluster.Nodes ?? 0);
        var online = nodes.Count(n => n.Online == true);
        var quorum = (total / 2) + 1;
        var header = string.Create(CultureInfo.InvariantCulture,
            $"Cluster {cluster.Name ?? cluster.Id}: quorate {Formatting.YesNo(cluster.Quorate ?? false)}, {online}/{total} nodes online, " +
            $"votes {online}/{total} (quorum {quorum})");
        return cluster.WitnessName is { } witness ? $"{header}, witness {witness}" : header;
    }

    private static string Mark(bool value) => value ? "*" : string.Empty;
}
