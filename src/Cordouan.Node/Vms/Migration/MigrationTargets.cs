using Cordouan.Core.Storage;

namespace Cordouan.Node.Vms.Migration;

/// <summary>Which nodes may receive a VM, and which storages a node cannot use (pure).</summary>
public static class MigrationTargets
{
    /// <summary>Why <paramref name="target"/> cannot receive a VM from <paramref name="localNode"/>, or null when it can.</summary>
    public static string? Refusal(string target, string localNode, NodeDocument? document, bool online)
    {
        if (target == localNode)
        {
            return "target is local node.";
        }
        if (document is null)
        {
            return $"no such cluster node '{target}'";
        }
        if (document.IsWitness)
        {
            return $"node '{target}' is a witness: it votes but runs no VMs";
        }
        if (document.Maintenance)
        {
            return $"node '{target}' is in maintenance mode";
        }
        return online ? null : $"node '{target}' is not online";
    }

    /// <summary>True when a storage may be used on <paramref name="node"/> (enabled, and the node is in its node list if it has one).</summary>
    public static bool IsAvailableOn(StorageDefinition storage, string node) =>
        !storage.Disabled && (storage.Nodes.Count == 0 || storage.Nodes.Contains(node));
}
