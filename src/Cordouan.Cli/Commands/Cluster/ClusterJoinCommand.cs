using System.CommandLine;
using Cordouan.Cli.Configuration;
using Cordouan.Cli.Infrastructure;
using Cordouan.Client;
using Cordouan.Client.Credentials;
using Cordouan.Client.Errors;
using Cordouan.Client.Requests;
using Cordouan.Client.Security;

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
        var node = RestartingTaskFollower.TaskNode(upid);
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
        }, cancellationToken, acceptNewCertificate: async (presented, token) =>
        {
            // The join re-issues this node's certificate from the cluster CA: trust the new one only if the member we
            // joined through (pinned by the fingerprint the user gave) lists it for this node.
            if (target.Insecure || !await ClusterVouchesForAsync(peer, node, presented, token))
            {
                return false;
            }
            client.RepinServerCertificate(presented);
            target = target with { Fingerprint = presented };
            return true;
        });
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

    /// <summary>True when the member at <paramref name="peer"/> (pinned) lists <paramref name="fingerprint"/> as <paramref name="node"/>'s certificate.</summary>
    private static async Task<bool> ClusterVouchesForAsync(ClusterPeer peer, string node, string fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            return await MemberListsAsync(peer, node, fingerprint, cancellationToken);
        }
        catch (Exception e) when (e is CordouanApiException or CordouanConnectionException or CordouanClientException or HttpRequestException)
        {
            return false; // The member is busy or unreachable for a moment: the waiter asks again at its next poll.
        }
    }

    private static async Task<bool> MemberListsAsync(ClusterPeer peer, string node, string fingerprint, CancellationToken cancellationToken)
    {
        using var member = new CordouanClient(new CordouanClientOptions
        {
            BaseAddress = ServerAddress.Normalize(peer.Hostname),
            Fingerprint = peer.Fingerprint,
            Credentials = peer.Token is { } token ? new ApiTokenCredentials(token) : null,
        });
        if (peer.Token is null)
        {
            await member.LoginAsync(peer.Username ?? "admin@pve", peer.Password!, cancellationToken);
        }
        var info = await member.GetClusterJoinInfoAsync(null, cancellationToken);
        return info.NodeList.Any(n => n.Name == node && n.Fingerprint is { } listed && CertificateFingerprint.Matches(listed, fingerprint));
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
