using Cordouan.Daemon.Configuration;
using Cordouan.Daemon.Membership;
using Cordouan.Daemon.Startup;
using Cordouan.Node.Hosting;
using Cordouan.Platform.Systemd;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cordouan.Daemon;

/// <summary>
/// Runs the daemon's services; when a cluster join or leave asks for it, stops them, applies the change and starts
/// new services over the new etcd keyspace, in the same process (running VMs are separate processes and are
/// re-attached). A host that cannot start after a change gets the change rolled back and the previous setup again.
/// Under systemd (<c>Type=notify</c>) it reports READY=1 once the API answers, RELOADING=1 while a change rebuilds
/// the host, and STOPPING=1 when it shuts down.
/// </summary>
public static class HostLoop
{
    /// <summary>Bound on the API answering after the host started (the listener is bound by then: this is a formality).</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(DaemonOptions options, HostTransitions transitions, SystemdNotifier notifier)
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
                app.Lifetime.ApplicationStopping.Register(() => _ = transitions.IsPending
                    ? notifier.Reloading("applying a cluster membership change")
                    : notifier.Stopping("stopping (VMs keep running)"));
                if (notifier.Enabled)
                {
                    var identity = app.Services.GetRequiredService<NodeIdentity>();
                    try
                    {
                        await ApiReadiness.WaitAsync(options, identity.SslFingerprint ?? "", ReadyTimeout, app.Lifetime.ApplicationStopping);
                        notifier.Ready($"node {options.NodeName}: API on {options.Listen}");
                    }
                    catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
                    {
                        // Stopped (or a membership change) before the API answered: nothing to report ready.
                    }
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
