using Microsoft.Extensions.Hosting;

namespace Cordouan.Daemon.Membership;

/// <summary>
/// The first service of a host built after a transition (registered right after the etcd member): completes the
/// transition (a failure here fails the host start, which rolls the transition back) or reports a rolled-back one.
/// </summary>
public sealed class TransitionContinuation(HostTransitions transitions, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (transitions.Applied is { } applied)
        {
            await applied.CompleteAsync(services, cancellationToken);
        }
        else if (transitions.RolledBack is { } rolledBack)
        {
            await rolledBack.Transition.ReportFailureAsync(services, rolledBack.Cause, cancellationToken);
        }
        transitions.Clear();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
