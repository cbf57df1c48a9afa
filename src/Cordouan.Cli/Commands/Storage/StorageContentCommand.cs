using System.CommandLine;
using System.Globalization;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Storage;

/// <summary><c>cord storage content &lt;storage&gt; [--node N] [--content T] [--vmid N]</c>.</summary>
public sealed class StorageContentCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _storage = new("storage") { Description = "Storage id, e.g. local" };
    private readonly Option<string?> _node = new("--node") { Description = "Node to ask (default: the node you are connected to)" };
    private readonly Option<string?> _content = new("--content") { Description = "Only this content type (images, iso, vztmpl, backup, snippets, import)" };
    private readonly Option<int?> _vmid = new("--vmid") { Description = "Only volumes of this VM" };

    public StorageContentCommand(CliHost host)
        : base("content", "List the volumes and files on a storage")
    {
        _host = host;
        Add(_storage);
        Add(_node);
        Add(_content);
        Add(_vmid);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = parseResult.GetValue(_node) ?? await client.GetLocalNodeAsync(cancellationToken);
        var request = ApiRequests.StorageContent(node, parseResult.GetRequiredValue(_storage), parseResult.GetValue(_content), parseResult.GetValue(_vmid));
        await session.Output.ShowAsync(client, request, items =>
            session.Output.WriteTable(
                ["VOLUME", "CONTENT", "FORMAT", "SIZE", "VMID", "CREATED"],
                items.OrderBy(i => i.VolumeId, StringComparer.Ordinal).Select(i => new[]
                {
                    i.VolumeId, i.Content, i.Format, Formatting.Bytes(i.Size), i.VmId?.ToString(CultureInfo.InvariantCulture), Formatting.UnixTime(i.CreationTime),
                })),
            cancellationToken);
        return ExitCodes.Success;
    }
}
