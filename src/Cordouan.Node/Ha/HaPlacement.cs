using Cordouan.Node.Maintenance;

namespace Cordouan.Node.Ha;

/// <summary>Where an HA resource goes when its node is fenced or it is relocated (pure).</summary>
public static class HaPlacement
{
    /// <summary>
    /// A live hypervisor not in maintenance and not excluded; within its group the highest priority first (a restricted
    /// group allows only its nodes), then the node with the fewest VMs and least configured memory; null when none.
    /// </summary>
    public static string? Choose(
        HaGroupDocument? group,
        IEnumerable<NodeDocument> nodes,
        IReadOnlySet<string> alive,
        IReadOnlyDictionary<string, NodeLoad> loads,
        IEnumerable<string> exclude)
    {
        var excluded = exclude.ToHashSet(StringComparer.Ordinal);
        var priorities = (group?.Nodes ?? []).ToDictionary(n => n.Node, n => n.Priority, StringComparer.Ordinal);
        var candidates = nodes
            .Where(n => !n.IsWitness && !n.Maintenance && alive.Contains(n.Name) && !excluded.Contains(n.Name))
            .Where(n => group is not { Restricted: true } || priorities.ContainsKey(n.Name))
            .Select(n => n.Name)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        var best = candidates.Max(n => priorities.GetValueOrDefault(n, int.MinValue));
        return EvacuationTargets.Choose(candidates.Where(n => priorities.GetValueOrDefault(n, int.MinValue) == best), loads);
    }

    /// <summary>
    /// Failback: the node a running resource should move back to, because a node of its group with a higher priority
    /// than <paramref name="current"/> is alive again; null when it stays (no group, <c>nofailback</c>, or already best).
    /// </summary>
    public static string? FailbackTarget(
        HaGroupDocument? group,
        IEnumerable<NodeDocument> nodes,
        IReadOnlySet<string> alive,
        IReadOnlyDictionary<string, NodeLoad> loads,
        string current)
    {
        if (group is null || group.NoFailback)
        {
            return null;
        }
        var priorities = group.Nodes.ToDictionary(n => n.Node, n => n.Priority, StringComparer.Ordinal);
        var best = Choose(group, nodes, alive, loads, []);
        return best is not null && priorities.GetValueOrDefault(best, int.MinValue) > priorities.GetValueOrDefault(current, int.MinValue) ? best : null;
    }
}
