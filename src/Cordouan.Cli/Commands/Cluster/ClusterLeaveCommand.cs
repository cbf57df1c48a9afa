using System.CommandLine;
using Cordouan.Cli.Infrastructure;

namespace Cordouan.Cli.Commands.Cluster;

/// <summary>
/// <c>cord cluster leave</c>: the node you talk to leaves its cluster and restarts as a standalone node with a new admin
/// password (in a file the task log names). The old login stops working, so the wait ends at the first 401 and the
/// command says how to log in again.
/// </summary>
public sealed class ClusterLeaveCommand : Command
{
    private const string StandaloneUser = "admin@pve";
    private readonly CliHost _host;
    private readonly RestartWaitOptions _wait;

    public ClusterLeaveCommand(CliHost host)
        : base("leave", "Make the node you talk to leave its cluster and become a standalone node")
    {
        _host = host;
        _wait = new RestartWaitOptions(this);
        SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var session = _host.OpenSession(parseResult);
        var client = await session.ConnectAsync(cancellationToken);
        var target = session.ResolveTarget();
        var upid = await client.LeaveClusterAsync(cancellationToken);
        var node = RestartingTaskFollower.TaskNode(upid);
        var wait = _wait.Read(parseResult);
        if (wait.NoWait)
        {
            return await RestartingTaskFollower.PrintUpidAsync(session.Output, upid,
                $"{node} restarts as a standalone node; the task log names its new admin password file. Then run 'cord login' again.");
        }
        // Nothing can log in again: the new admin password is only readable on the node itself.
        var result = await RestartingTaskFollower.FollowAsync(session, client, upid, wait.Timeout, _ => Task.FromResult(false), cancellationToken);
        var hasPasswordFile = AdminPasswordHint.TryFindPasswordFile(result.Log, out var passwordFile);
        if (result.IsFinished && !result.IsSuccessful)
        {
            return await RestartingTaskFollower.ReportFailureAsync(session.Output, result, upid, $"Leave of {node}");
        }
        // The server answers the leave only after this node's etcd member is out of the cluster: from then on the node
        // is no longer a member, whatever the rest of the task (restarting standalone) reports, so a lost login after
        // the restart is the expected end, not a failure.
        if (session.Output.IsJson)
        {
            session.Output.WriteJson(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("upid", upid);
                writer.WriteString("node", node);
                writer.WritePropertyName("status");
                if (result.IsFinished && result.RawStatus is { } raw)
                {
                    raw.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
                writer.WriteString("passwordfile", hasPasswordFile ? passwordFile : null);
                writer.WriteEndObject();
            });
            return ExitCodes.Success;
        }
        session.Output.WriteLine($"Node {node} left the cluster and is now a standalone node. The old login no longer works on it.");
        session.Output.WriteLine(hasPasswordFile
            ? $"Its new admin password is in {passwordFile} on {node}; log in again with: cord login --server {target.Server} --user {StandaloneUser}"
            : $"Log in again with 'cord login --server {target.Server} --user {StandaloneUser}' and the node's admin password " +
              $"(its --admin-password-file, else DATA/admin-password on {node}); 'cord task status {upid}' shows how the restart ended.");
        return ExitCodes.Success;
    }
}
