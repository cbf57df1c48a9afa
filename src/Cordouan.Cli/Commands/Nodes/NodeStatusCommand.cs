using System.CommandLine;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Nodes;

/// <summary><c>cord node status &lt;node&gt;</c>.</summary>
public sealed class NodeStatusCommand : Command
{
    private readonly CliHost _host;

    private readonly Argument<string> _node = new("node") { Description = "Node name" };

    public NodeStatusCommand(CliHost host)
        : base("status", "Show a node's CPU, memory, disk and versions")
    {
        _host = host;
        Add(_node);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        await session.Output.ShowAsync(client, ApiRequests.NodeStatus(parseResult.GetRequiredValue(_node)), s =>
            session.Output.WriteProperties(
            [
                ("uptime", Formatting.Duration(s.Uptime)),
                ("cpu", Formatting.Percent(s.Cpu)),
                ("io wait", Formatting.Percent(s.Wait)),
                ("load average", s.LoadAverage is null ? null : string.Join(' ', s.LoadAverage)),
                ("cpu model", s.CpuInfo?.Model),
                ("cpus", s.CpuInfo is null ? null : $"{s.CpuInfo.Cpus} ({s.CpuInfo.Sockets} socket(s), {s.CpuInfo.Cores} core(s))"),
                ("memory", s.Memory is null ? null : $"{Formatting.Bytes(s.Memory.Used)} used of {Formatting.Bytes(s.Memory.Total)}"),
                ("swap", s.Swap is null ? null : $"{Formatting.Bytes(s.Swap.Used)} used of {Formatting.Bytes(s.Swap.Total)}"),
                ("root fs", s.RootFs is null ? null : $"{Formatting.Bytes(s.RootFs.Used)} used of {Formatting.Bytes(s.RootFs.Total)}"),
                ("kernel", s.KernelVersion),
                ("version", s.PveVersion),
            ]),
            cancellationToken);
        return ExitCodes.Success;
    }
}
