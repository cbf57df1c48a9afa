using Cordouan.Core.Errors;
using Cordouan.Core.Tasks;
using Cordouan.Daemon.Configuration;
using Cordouan.Node.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon.Membership;

/// <summary>
/// After this node's etcd member was removed from its cluster: drops the cluster's etcd data, membership and CA
/// (a node that left must not keep the cluster's keys) so the next services start as a new standalone node with a CA
/// of its own. The API certificate stays, so clients that pinned it keep working.
/// </summary>
public sealed partial class LeaveTransition(DaemonOptions options, string clusterName, Upid upid, ILogger logger) : IHostTransition
{
    private static readonly string[] ClusterOwnedFiles = ["certs/ca.pem", "certs/ca-key.pem", "certs/etcd.pem", "certs/etcd-key.pem", MembershipState.FileName];

    public string Description => $"leave of cluster '{clusterName}'";

    public Task ApplyAsync(CancellationToken cancellationToken)
    {
        var etcd = Path.Combine(options.DataDirectory, "etcd");
        if (Directory.Exists(etcd))
        {
            Directory.Delete(etcd, recursive: true);
        }
        foreach (var file in ClusterOwnedFiles)
        {
            File.Delete(Path.Combine(options.DataDirectory, file));
        }
        return Task.CompletedTask;
    }

    public async Task CompleteAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var password = options.AdminPasswordFile ?? Path.Combine(options.DataDirectory, "admin-password");
        await services.GetRequiredService<TaskManager>().ContinueAsync(upid, ctx =>
        {
            ctx.Log($"Left cluster '{clusterName}': this node is standalone, with a new certificate authority and its own users (its API certificate is unchanged).");
            ctx.Log($"Log in again as admin@pve with the password in {password}.");
            return Task.CompletedTask;
        }, cancellationToken);
        LogLeft(logger, clusterName);
    }

    // The member is already gone from the cluster: there is nothing to go back to.
    public Task RollbackAsync(Exception cause, CancellationToken cancellationToken) =>
        throw new CordouanException($"this node left cluster '{clusterName}' but could not start as a standalone node: {cause.Message}", cause);

    public Task ReportFailureAsync(IServiceProvider services, Exception cause, CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1130, Level = LogLevel.Information, Message = "Left cluster {Cluster}; running as a standalone node")]
    private static partial void LogLeft(ILogger logger, string cluster);
}
