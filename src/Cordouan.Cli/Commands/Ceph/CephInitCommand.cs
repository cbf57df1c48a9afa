using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Ceph;

/// <summary><c>cord ceph init [--network CIDR] [--cluster-network CIDR] [--size N --min-size N] [--failure-domain host|osd]</c>.</summary>
public sealed class CephInitCommand : Command
{
    private readonly CliHost _host;
    private readonly CephNodeOption _node;
    private readonly Option<string?> _network = new("--network") { Description = "Public network (CIDR) of monitors and clients (default: the node's Ceph public network, cord node set-networks)" };
    private readonly Option<string?> _clusterNetwork = new("--cluster-network") { Description = "Network for OSD replication (default: the node's Ceph cluster network, else the public network)" };
    private readonly Option<int?> _size = new("--size") { Description = "Default replica count of new pools (3)" };
    private readonly Option<int?> _minSize = new("--min-size") { Description = "Default minimum replicas for I/O (2)" };
    private readonly Option<string?> _failureDomain = new("--failure-domain") { Description = "host (one replica per host, default) or osd (one-host clusters)" };

    public CephInitCommand(CliHost host)
        : base("init", "Create the cluster-wide Ceph configuration (fsid, networks, keys)")
    {
        _host = host;
        _node = new CephNodeOption(this);
        Add(_network);
        Add(_clusterNetwork);
        Add(_size);
        Add(_minSize);
        Add(_failureDomain);
        _failureDomain.AcceptOnlyFromAmong("host", "osd");
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var node = await _node.ResolveAsync(parseResult, client, cancellationToken);
        await client.InitCephAsync(node, parseResult.GetValue(_network), parseResult.GetValue(_clusterNetwork),
            parseResult.GetValue(_size), parseResult.GetValue(_minSize), parseResult.GetValue(_failureDomain), cancellationToken);
        if (!session.Output.IsJson)
        {
            session.Output.WriteLine("Ceph initialized; next: cord ceph mon create, cord ceph mgr create, cord ceph osd create <device>");
        }
        return ExitCodes.Success;
    }
}
