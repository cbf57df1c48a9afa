using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ha;

/// <summary>
/// <c>cord ha resource migrate|relocate &lt;sid&gt; &lt;node&gt;</c>: asks HA to move the VM (<c>migrate</c>: live;
/// <c>relocate</c>: stop, move, start). The request is accepted at once; the VM's node carries it out.
/// </summary>
public sealed class HaResourceMoveCommand : Command
{
    private readonly CliHost _host;
    private readonly string _request;
    private readonly Argument<string> _sid = HaArguments.Sid();
    private readonly Argument<string> _node = new("node") { Description = "The node to move it to" };

    public HaResourceMoveCommand(CliHost host, string request, string description)
        : base(request, description)
    {
        _host = host;
        _request = request;
        Add(_sid);
        Add(_node);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var sid = parseResult.GetRequiredValue(_sid);
        var node = parseResult.GetRequiredValue(_node);
        await client.MoveHaResourceAsync(sid, _request, node, cancellationToken);
        HaOutput.Done(session, $"Requested: {_request} {HaOutput.Sid(sid)} to node '{node}' (follow it with 'cord ha status').");
        return ExitCodes.Success;
    }
}
