using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;
using Cordouan.Contracts.Ceph;

namespace Cordouan.Cli.Commands.Ceph;

/// <summary><c>cord ceph status</c>: health (with the checks raised), monitors in quorum, OSDs up/in, PGs, usage.</summary>
public sealed class CephStatusCommand : Command
{
    private readonly CliHost _host;
    private readonly CephNodeOption _node;

    public CephStatusCommand(CliHost host)
        : base("status", "Show Ceph health, monitors, OSDs and usage")
    {
        _host = host;
        _node = new CephNodeOption(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = await _node.ResolveAsync(parseResult, client, cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.CephStatus(node), status => Render(session.Output, status), cancellationToken);
        return ExitCodes.Success;
    }

    private static void Render(CommandOutput output, CephStatus status)
    {
        var osds = status.OsdMap;
        var pgs = status.PgMap;
        output.WriteProperties(
        [
            ("health", status.Health?.Status),
            ("fsid", status.Fsid),
            ("monitors", $"{status.MonMap?.NumMons ?? 0}, in quorum: {string.Join(", ", status.QuorumNames ?? [])}"),
            ("osds", osds is null ? null : $"{osds.NumOsds} total, {osds.NumUpOsds} up, {osds.NumInOsds} in"),
            ("pgs", pgs is null ? null : $"{pgs.NumPgs} in {pgs.NumPools} pool(s): {string.Join(", ", (pgs.PgsByState ?? []).Select(s => $"{s.Count} {s.StateName}"))}"),
            ("usage", pgs is null ? null : $"{Formatting.Bytes(pgs.BytesUsed)} used of {Formatting.Bytes(pgs.BytesTotal)} (data {Formatting.Bytes(pgs.DataBytes)})"),
        ]);
        foreach (var (code, check) in status.Health?.Checks ?? new Dictionary<string, CephHealthCheck>())
        {
            output.WriteLine($"  {check.Severity} {code}: {check.Summary?.Message}");
        }
    }
}
