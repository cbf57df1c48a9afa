namespace Cordouan.Node.Vms.Migration;

/// <summary>
/// The answer of <c>GET …/migrate</c>: whether the VM runs, the nodes it may go to, the nodes ruled out by storages
/// they lack (node → storage ids), its local disks and its host-bound resources.
/// </summary>
public sealed record MigrationPrecheck(
    bool Running,
    IReadOnlyList<string> AllowedNodes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> NotAllowedNodes,
    IReadOnlyList<LocalDisk> LocalDisks,
    IReadOnlyList<string> LocalResources);
