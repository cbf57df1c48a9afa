using Cordouan.Daemon.Configuration;
using Cordouan.Daemon.Membership;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Cordouan.Daemon;

/// <summary>
/// Runs the daemon's services; when a cluster join or leave asks for it, stops them, applies the change and starts
/// new services over the new etcd keyspace, in the same process (running VMs are separate processes and are
/// re-attached). A host that cannot start after a change gets the change rolled back and the previous setup again.
/// </summary>
public static class HostLoop
{
    public static async Task RunAsync(DaemonOptions options, HostTransitions transitions)
    {
        while (true)
        {
            var app = await DaemonHost.BuildAsync(options, transitions, CancellationToken.None);
            try
            {
                try
                {
                    await app.StartAsync();
                }
                catch (Exception e) when (transitions.Applied is { } applied && e is not OutOfMemoryException)
                {
                    await app.StopAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    await RollBackAsync(transitions, applied, e);
                    continue;
                }
                await app.WaitForShutdownAsync();
            }
            finally
            {
                await app.DisposeAsync();
            }
            if (transitions.TakePending() is not { } next)
            {
                return;
            }
            try
            {
                await next.ApplyAsync(CancellationToken.None);
                transitions.MarkApplied(next);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await RollBackAsync(transitions, next, e);
            }
        }
    }

    private static async Task RollBackAsync(HostTransitions transitions, IHostTransition transition, Exception cause)
    {
        await Console.Error.WriteLineAsync($"cordouand: {transition.Description} failed ({cause.Message}); rolling back");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await transition.RollbackAsync(cause, timeout.Token);
        transitions.MarkRolledBack(transition, cause);
    }
}
