using Cordouan.Cluster.Etcd;
using Cordouan.Core.Errors;
using Cordouan.Core.Tasks;
using Cordouan.Node.Cluster.Membership;
using Cordouan.Node.Tasks;
using Cordouan.Platform.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon.Membership;

/// <summary>
/// Switches this (empty) node over to a cluster's etcd: the previous etcd data and certificates are kept aside until
/// the new member votes, so a failed join puts the node back exactly as it was and removes the learner it added.
/// </summary>
public sealed partial class JoinTransition(
    string dataDirectory, string nodeName, AddNodeResult result, string nodeKeyPem, RemoteNodeClient remote, Upid upid, TimeProvider time, ILogger logger) : IHostTransition
{
    private static readonly TimeSpan VoteTimeout = TimeSpan.FromSeconds(60);
    private const string BackupSuffix = ".pre-join";

    public string Description => $"join of cluster '{result.ClusterName}' through {remote.Hostname}";

    private string Etcd => Path.Combine(dataDirectory, "etcd");
    private string Certs => Path.Combine(dataDirectory, "certs");
    private string Membership => MembershipState.PathIn(dataDirectory);

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        MoveAside(Etcd);
        MoveAside(Certs);
        MoveAside(Membership);
        // The cluster's CA certificate and this node's certificate signed from its request; the CA key comes later,
        // through etcd (Certificates.ClusterCaKey), once this node is a member.
        var paths = Certificates.CertificatePaths.In(dataDirectory);
        Certificates.SecretFiles.EnsurePrivateDirectory(paths.Directory);
        await AtomicFile.WriteAllTextAsync(paths.NodeKey, nodeKeyPem, cancellationToken, Certificates.SecretFiles.PrivateFile);
        await AtomicFile.WriteAllTextAsync(paths.NodeCertificate, result.CertificatePem, cancellationToken);
        await AtomicFile.WriteAllTextAsync(paths.CaCertificate, result.CaCertificatePem, cancellationToken);
        var membership = new MembershipState
        {
            ClusterName = result.ClusterName,
            NodeId = result.NodeId,
            InitialCluster = result.InitialCluster,
            JoinedAt = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        await membership.SaveAsync(dataDirectory, cancellationToken);
    }

    public async Task CompleteAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var etcd = services.GetRequiredService<EtcdClusterStore>();
        await WaitUntilVotingAsync(etcd, cancellationToken);
        foreach (var backup in new[] { Etcd, Certs, Membership }.Select(p => p + BackupSuffix))
        {
            Delete(backup);
        }
        remote.Dispose();
        await services.GetRequiredService<TaskManager>().ContinueAsync(upid, ctx =>
        {
            ctx.Log($"This node's etcd member votes in cluster '{result.ClusterName}'.");
            ctx.Log($"Node {nodeName} joined cluster '{result.ClusterName}' (node id {result.NodeId}). Log in again: users and tickets are now the cluster's.");
            return Task.CompletedTask;
        }, cancellationToken);
        LogJoined(logger, nodeName, result.ClusterName);
    }

    public async Task RollbackAsync(Exception cause, CancellationToken cancellationToken)
    {
        LogRollingBack(logger, result.ClusterName, cause.Message);
        foreach (var path in new[] { Etcd, Certs, Membership })
        {
            Delete(path);
            if (Path.Exists(path + BackupSuffix))
            {
                Move(path + BackupSuffix, path);
            }
        }
        try
        {
            // The member removes the learner on its own after a while; asking now frees the name at once.
            await remote.DeleteAsync($"cluster/config/nodes/{nodeName}?force=1&learner={result.MemberId:x16}", cancellationToken);
        }
        catch (CordouanException e)
        {
            LogRemoteCleanupFailed(logger, remote.Hostname, e.Message);
        }
        finally
        {
            remote.Dispose();
        }
    }

    public Task ReportFailureAsync(IServiceProvider services, Exception cause, CancellationToken cancellationToken) =>
        services.GetRequiredService<TaskManager>().ContinueAsync(upid, _ =>
            throw new CordouanException($"join of cluster '{result.ClusterName}' failed: {cause.Message}; this node is back to its state before the join"),
            cancellationToken);

    private async Task WaitUntilVotingAsync(EtcdClusterStore etcd, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var last = "no answer yet";
        while (time.GetElapsedTime(started) < VoteTimeout)
        {
            try
            {
                var status = await etcd.GetStatusAsync(cancellationToken);
                var self = (await etcd.ListMembersAsync(cancellationToken)).FirstOrDefault(m => m.Id == status.MemberId);
                if (self is { IsLearner: false } && status.HasLeader)
                {
                    return;
                }
                last = self is null ? "this member is not in the member list" : self.IsLearner ? "still a learner (catching up)" : "no leader";
            }
            catch (Exception e) when (e is CordouanException or EtcdRequestException)
            {
                last = e.Message;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }
        throw new CordouanException($"this node's etcd member did not become a voting member within {VoteTimeout.TotalSeconds:0} s ({last}); see {Path.Combine(dataDirectory, "etcd.log")}");
    }

    private static void MoveAside(string path)
    {
        Delete(path + BackupSuffix);
        if (Path.Exists(path))
        {
            Move(path, path + BackupSuffix);
        }
    }

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }

    private static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    }

    [LoggerMessage(EventId = 1120, Level = LogLevel.Information, Message = "Node {Node} joined cluster {Cluster}")]
    private static partial void LogJoined(ILogger logger, string node, string cluster);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "Join of cluster {Cluster} failed ({Reason}); restoring this node's previous etcd data and certificates")]
    private static partial void LogRollingBack(ILogger logger, string cluster, string reason);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Warning, Message = "Could not ask {Member} to remove this node's etcd learner ({Reason}); it removes it by itself within 90 s")]
    private static partial void LogRemoteCleanupFailed(ILogger logger, string member, string reason);
}
