using Cordouan.Core.Errors;
using Cordouan.Node.Hosting;
using Cordouan.Node.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Network;

/// <summary>
/// Once at daemon start: restores this node's applied networks (<see cref="NodeNetworkService.RestoreAsync"/>) and
/// waits for it, bounded, so the VMs started next (HA) find their bridges; then warns when the node's API or etcd peer
/// address lies outside its management or cluster network (<see cref="TrafficNetworkService.WarnAsync"/>). A failure
/// is logged and the daemon starts anyway: the API is how an operator repairs the network.
/// </summary>
public sealed partial class NetworkStartupService(NodeNetworkService networks, TrafficNetworkService traffic, TaskManager tasks, NodeIdentity node, ILogger<NetworkStartupService> logger) : IHostedService
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Patience);
        try
        {
            if (await networks.RestoreAsync(deadline.Token) is { } upid)
            {
                LogRestoring(logger, upid);
                await tasks.WaitAsync(upid, deadline.Token);
            }
            await traffic.WarnAsync(node.NodeName, null, deadline.Token);
        }
        catch (Exception e) when (e is CordouanException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogRestoreFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
