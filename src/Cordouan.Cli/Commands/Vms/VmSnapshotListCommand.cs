using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;
using Cordouan.Contracts.Qemu;

namespace Cordouan.Cli.Commands.Vms;

/// <summary><c>cord vm snapshot list &lt;vmid&gt;</c>.</summary>
public sealed class VmSnapshotListCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<int> _vmid = VmArguments.VmId();

    public VmSnapshotListCommand(CliHost host)
        : base("list", "List a VM's snapshots")
    {
        _host = host;
        Add(_vmid);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var vmid = parseResult.GetValue(_vmid);
        var node = await client.GetVmNodeAsync(vmid, cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.ListSnapshots(node, vmid), snapshots =>
            session.Output.WriteTable(
                ["NAME", "TAKEN", "RAM", "PARENT", "DESCRIPTION"],
                snapshots.Select(s => new[]
                {
                    s.Name == SnapshotItem.CurrentName ? "current (you are here)" : s.Name,
                    Formatting.UnixTime(s.SnapTime),
                    s.Name == SnapshotItem.CurrentName ? null : Formatting.YesNo(s.VmState ?? false),
                    s.Parent,
                    s.Name == SnapshotItem.CurrentName ? null : s.Description?.Trim(),
                })),
            cancellationToken);
        return ExitCodes.Success;
    }
}
