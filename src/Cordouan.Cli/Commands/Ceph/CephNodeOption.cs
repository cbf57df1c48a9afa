using System.CommandLine;
using Cordouan.Client;

namespace Cordouan.Cli.Commands.Ceph;

/// <summary><c>--node</c> of every <c>cord ceph</c> command: where to act; defaults to the node the CLI talks to.</summary>
public sealed class CephNodeOption
{
    public CephNodeOption(Command command) => command.Add(Option);

    public Option<string?> Option { get; } = new("--node") { Description = "Node to act on (default: the node cord is connected to)" };

    public async Task<string> ResolveAsync(ParseResult parseResult, CordouanClient client, CancellationToken cancellationToken) =>
        parseResult.GetValue(Option) ?? await client.GetLocalNodeAsync(cancellationToken);
}
