using System.CommandLine;
using Cordouan.Cli.Configuration;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client;
using Cordouan.Client.Credentials;
using Cordouan.Client.Requests;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary>
/// <c>cord cluster join &lt;address&gt; --fingerprint F [--user U] [--password-file F | --token T] [--force]</c>: the node you
/// talk to joins the cluster of the member at <c>address</c>. The node restarts during the task and then knows only the
/// cluster's users, so the wait rides out the restart and logs in again with the same credentials (saving the ticket).
/// </summary>
public sealed class ClusterJoinCommand : Command
{
    private readonly CliHost _host;
    private readonly Argument<string> _address = ClusterArguments.PeerAddress("API address of a member of the cluster to join, host[:port]");
    private readonly Option<string> _fingerprint = ClusterArguments.PeerFingerprint("that member");
    private readonly Option<bool> _force = new("--force") { Description = "Join even if this node already has VMs or cluster state" };
    private readonly PeerCredentialOptions _credentials;
    private readonly RestartWaitOptions _wait;

    public ClusterJoinCommand(CliHost host)
        : base("join", "Make the node you talk to join an existing cluster")
    {
        _host = host;
        Add(_address);
        Add(_fingerprint);
        _credentials = new PeerCredentialOptions(this, "the cluster");
        Add(_force);
        _wait = new RestartWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var target = session.ResolveTarget();
        ClusterArguments.TryNormalizePeerAddress(parseResult.GetRequiredValue(_address), out var address, out _);
        var peer = await _credentials.ReadPeerAsync(session, parseResult, address, parseResult.GetRequiredValue(_fingerprint), cancellationToken);
        var hadTicket = client.Credentials is TicketCredentials;
        var upid = await client.JoinClusterAsync(peer, parseResult.GetValue(_force), cancellationToken);
        var wait = _wait.Read(parseResult);
        if (wait.NoWait)
        {
            return await RestartingTaskFollower.PrintUpidAsync(session.Output, upid,
                "The node restarts during the join; afterwards log in to it with a cluster user ('cord login').");
        }
        TicketCredentials? renewed = null;
        var result = await RestartingTaskFollower.FollowAsync(session, client, upid, wait.Timeout, async token =>
        {
            if (peer.Token is { } apiToken)
            {
                client.UseCredentials(new ApiTokenCredentials(apiToken));
                return true;
            }
            renewed = await client.LoginAsync(peer.Username!, peer.Password!, token);
            SaveLogin(session, target, renewed);
            return true;
        }, cancellationToken);
        var node = RestartingTaskFollower.TaskNode(upid);
        if (!result.IsSuccessful)
        {
            return await RestartingTaskFollower.ReportFailureAsync(session.Output, result, upid, $"Join of {node} to the cluster of {address}");
        }
        if (session.Output.IsJson)
        {
            session.Output.WriteJson(result.RawStatus!.Value);
            return ExitCodes.Success;
        }
        session.Output.WriteLine($"Node {node} joined the cluster of {address}.");
        if (renewed is not null)
        {
            session.Output.WriteLine($"Logged in again as {renewed.Username}: {node} now uses the cluster's users (session saved in {session.ConfigStore.Path}).");
        }
        else if (peer.Token is not null && hadTicket)
        {
            session.Output.WriteLine($"The saved login no longer works on {node}: log in again with a cluster user ('cord login --user <user@realm>').");
        }
        return ExitCodes.Success;
    }

    /// <summary>Saves the new ticket exactly as <c>cord login</c> does, for the same server and certificate pin.</summary>
    private static void SaveLogin(CommandSession session, ConnectionTarget target, TicketCredentials credentials) =>
        session.ConfigStore.Save(new CordConfig
        {
            Server = ServerAddress.Format(target.Server),
            Fingerprint = target.Fingerprint,
            Insecure = target.Insecure,
            Username = credentials.Username,
            Ticket = credentials.Ticket,
            CsrfPreventionToken = credentials.CsrfPreventionToken,
            TicketIssuedAt = session.Environment.Time.GetUtcNow(),
        });
}
