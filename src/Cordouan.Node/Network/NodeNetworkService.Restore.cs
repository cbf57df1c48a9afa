using System.Net;
using Cordouan.Core.Network;
using Cordouan.Core.Tasks;

namespace Cordouan.Node.Network;

public sealed partial class NodeNetworkService
{
    private const string SystemUser = "root@pam";

    /// <summary>
    /// Makes the kernel match the applied set again (after a host reboot its bridges, addresses and NAT tables are
    /// gone) through the apply code path, as a <c>srvreload</c> task, only when something differs: null when nothing
    /// does. Staged changes stay staged. An interface whose restore would cut a management address is left as it is,
    /// with a task warning (see <see cref="Restorable"/>).
    /// </summary>
    public async Task<Upid?> RestoreAsync(CancellationToken cancellationToken)
    {
        var applied = (await _documents.FindAsync(Applied, cancellationToken))?.Document.Interfaces ?? [];
        if (applied.Count == 0)
        {
            return null;
        }
        var (kept, skipped) = Restorable(applied, await network.ListInterfacesAsync(cancellationToken), await ManagementAddressesAsync(cancellationToken));
        var differences = await network.DifferencesAsync(kept, cancellationToken);
        if (differences.Count == 0 && skipped.Count == 0)
        {
            return null;
        }
        return await tasks.StartAsync("srvreload", "networking", SystemUser, async ctx =>
        {
            ctx.Log("restoring the applied network configuration at daemon start (staged changes stay staged)");
            foreach (var difference in differences)
            {
                ctx.Log($"differs: {difference}");
            }
            foreach (var reason in skipped)
            {
                ctx.Warn(reason);
            }
            // Over itself: nothing of the applied set is deleted, only what is missing or different is made again.
            await network.ApplyAsync(kept, kept, ctx.Log, ctx.CancellationToken);
            LogRestored(logger, node.NodeName, kept.Count, differences.Count);
        }, cancellationToken);
    }

    /// <summary>
    /// The applied interfaces a restore may make again, and why the others may not: one whose restore would delete,
    /// re-address or bring down the interface now holding a management address, or make it a bridge port. The apply
    /// that made it may have been forced, but that consent was for the kernel state of that moment; a management
    /// address found elsewhere at start is how the node is reached now, and cutting it would need someone at the console.
    /// </summary>
    public static (IReadOnlyList<NodeInterface> Kept, IReadOnlyList<string> Skipped) Restorable(IReadOnlyList<NodeInterface> applied, IReadOnlyList<LiveInterface> live, IReadOnlyList<IPAddress> addresses)
    {
        var kept = new List<NodeInterface>();
        var skipped = new List<string>();
        foreach (var declared in applied)
        {
            // Over itself nothing is deleted, so each interface's risk is its own: checked one by one.
            if (ManagementCut([declared], [declared], live, addresses) is { } cut)
            {
                skipped.Add($"{declared.Iface} not restored: {cut}; apply with force=1 to restore it anyway");
            }
            else
            {
                kept.Add(declared);
            }
        }
        return (kept, skipped);
    }
}
