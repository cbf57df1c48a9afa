using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary><c>cord cluster witness add &lt;address&gt; --fingerprint F [--user U] [--password-file F | --token T]</c>.</summary>
public sealed class ClusterWitnessAddCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _address = ClusterArguments.PeerAddress("API address of the witness daemon, host[:port]");
    private readonly Option<string> _fingerprint = ClusterArguments.PeerFingerprint("the witness");
    private readonly PeerCredentialOptions _credentials;
    private readonly TaskWaitOptions _wait;

    public ClusterWitnessAddCommand(CliHost host)
        : base("add", "Ask a witness daemon to join the cluster as a vote-only member")
    {
        _host = host;
        Add(_address);
        Add(_fingerprint);
        _credentials = new PeerCredentialOptions(this, "the witness");
        _wait = new TaskWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        ClusterArguments.TryNormalizePeerAddress(parseResult.GetRequiredValue(_address), out var address, out _);
        var witness = await _credentials.ReadPeerAsync(session, parseResult, address, parseResult.GetRequiredValue(_fingerprint), cancellationToken);
        var upid = await client.AddWitnessAsync(witness, cancellationToken);
        return await TaskFollower.CompleteAsync(session, client, upid, _wait.Read(parseResult), $"Add witness {address}", cancellationToken);
    }
}
