using Cordouan.Core.Errors;
using Cordouan.Core.Tasks;
using Cordouan.Daemon.Configuration;
using Cordouan.Node.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon.Membership;

/// <summary>
/// After this node's etcd member was removed from its cluster: drops the cluster's etcd data, membership and CA
/// (a node that left must not keep the cluster's keys) so the next services start as a new standalone node.
/// </summary>
public sealed partial class LeaveTransition(DaemonOptions options, string clusterName, Upid upid, ILogger logger) : IHostTransition
{
    private static readonly string[] ClusterOwnedDirectories = ["etcd", "certs"];

    public string Description => $"leave of cluster '{clusterName}'";

    public Task ApplyAsync(CancellationToken cancellationToken)
    {
        foreach (var directory in ClusterOwnedDirectories.Select(d => Path.Combine(options.DataDirectory, d)))
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        File.Delete(MembershipState.PathIn(options.DataDirectory));
        return Task.CompletedTask;
    }

    public async Task CompleteAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var password = options.AdminPasswordFile ?? Path.Combine(options.DataDirectory, "admin-password");
        await services.GetRequiredService<TaskManager>().ContinueAsync(upid, ctx =>
        {
            ctx.Log($"Left cluster '{clusterName}': this node is standalone, with a new certificate authority and its own users.");
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
