using Cordouan.Core.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Guests;

/// <summary>
/// Proxmox's <c>startall</c> at boot: on the first daemon start since the host booted (<see cref="BootMarker"/>), once
/// the cluster store answers (Proxmox waits for quorum), starts the VMs marked <c>onboot</c> in <c>startup</c> order.
/// A daemon restart starts nothing: VMs an operator stopped stay stopped. A witness runs no VMs.
/// </summary>
public sealed partial class OnBootStartService(NodeGuests guests, BootMarker marker, NodeOptions options, TimeProvider time, ILogger<OnBootStartService> logger) : BackgroundService
{
    /// <summary>The user of the boot start task (Proxmox's <c>pve-guests</c> runs as root).</summary>
    public const string User = "root@pam";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Witness)
        {
            return;
        }
        bool booted;
        try
        {
            booted = await marker.ClaimBootAsync(stoppingToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without a marker every restart would look like a boot: starting nothing is the safe side.
            LogMarkerFailed(logger, marker.Path, e);
            return;
        }
        if (!booted)
        {
            LogRestart(logger, marker.Path);
            return;
        }
        var waiting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await guests.StartOnBootAsync(User, stoppingToken);
                return;
            }
            catch (QuorumLostException e)
            {
                if (!waiting)
                {
                    LogWaitingForQuorum(logger, e.Message);
                    waiting = true;
                }
            }
            catch (CordouanException e)
            {
                LogStartFailed(logger, e);
                return;
            }
            await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(EventId = 3710, Level = LogLevel.Information, Message = "Daemon restart within the same host boot (marker {Marker}): the onboot VMs are not started again")]
    private static partial void LogRestart(ILogger logger, string marker);

    [LoggerMessage(EventId = 3711, Level = LogLevel.Warning, Message = "Waiting for quorum before starting the onboot VMs: {Reason}")]
    private static partial void LogWaitingForQuorum(ILogger logger, string reason);

    [LoggerMessage(EventId = 3713, Level = LogLevel.Error, Message = "Starting the onboot VMs failed")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3712, Level = LogLevel.Error, Message = "Cannot read or write the boot marker {Marker}; the onboot VMs are not started")]
    private static partial void LogMarkerFailed(ILogger logger, string marker, Exception exception);
}
