namespace Cordouan.Node.Maintenance;

/// <summary>Where an evacuated VM goes (pure).</summary>
public static class EvacuationTargets
{
    /// <summary>
    /// The allowed node with the fewest VMs, then the least memory configured for its VMs (free host memory of other
    /// nodes is not in etcd), then the first by name so the choice is stable; null when no node is allowed.
    /// </summary>
    public static string? Choose(IEnumerable<string> allowed, IReadOnlyDictionary<string, NodeLoad> loads) =>
        allowed
            .Select(name => (Name: name, Load: loads.GetValueOrDefault(name, NodeLoad.Empty)))
            .OrderBy(n => n.Load.Vms)
            .ThenBy(n => n.Load.MemoryMiB)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => n.Name)
            .FirstOrDefault();
}
