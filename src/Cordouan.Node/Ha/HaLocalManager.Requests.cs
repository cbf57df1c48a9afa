using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Migration;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Ha;

/// <summary>
/// Users' requests to move an HA VM (<c>POST /cluster/ha/resources/{sid}/migrate|relocate</c>), carried out by the
/// node that runs it: a running VM migrates live (relocate stops it first and migrates it offline); a stopped one
/// migrates offline. The new node's manager then claims it (and, after a relocation, starts it). A request that
/// cannot be carried out is dropped with its reason in the state's message.
/// </summary>
public sealed partial class HaLocalManager
{
    /// <summary>True when a request took over this pass for the VM (nothing else is done to it meanwhile).</summary>
    private async Task<bool> HandleRequestAsync(HaResourceDocument resource, VersionedVm vm, VersionedDocument<HaServiceState>? service, bool running, CancellationToken cancellationToken)
    {
        if (service?.Document is not { Request: { } request, RequestedNode: { } target })
        {
            return false;
        }
        if (target == node.NodeName)
        {
            await WriteServiceAsync(resource.Sid, service, s => s with { Request = null, RequestedNode = null }, cancellationToken);
            return false;
        }
        if (vm.Document.Lock is not null)
        {
            // Its migration (or another operation) runs: the request stays until the VM has moved or the lock is gone.
            return true;
        }
        var id = vm.Document.Id;
        if (running && request == HaRequests.Relocate)
        {
            lock (_seenRunning)
            {
                // Stopped on purpose: not a crash to count when it is found stopped.
                _seenRunning.Remove(id);
            }
            await RequestStopAsync(id, cancellationToken);
            return true;
        }
        string message;
        try
        {
            var upid = await migrator.MigrateAsync(id, new MigrationRequest(target) { Online = running }, force: false, User, cancellationToken);
            LogMoving(logger, id, request, target, upid);
            message = $"{request} to node '{target}' (task {upid})";
        }
        catch (CordouanException e)
        {
            LogMoveRefused(logger, id, request, target, e.Message);
            message = $"{request} to node '{target}' refused: {e.Message}";
        }
        await WriteServiceAsync(resource.Sid, service, s => s with { Request = null, RequestedNode = null, Message = message }, cancellationToken);
        return true;
    }

    [LoggerMessage(EventId = 3518, Level = LogLevel.Information, Message = "HA: VM {VmId}: {Request} to node {Target} as requested (task {Upid})")]
    private static partial void LogMoving(ILogger logger, VmId vmId, string request, string target, Core.Tasks.Upid upid);

    [LoggerMessage(EventId = 3519, Level = LogLevel.Warning, Message = "HA: VM {VmId}: {Request} to node {Target} refused: {Reason}")]
    private static partial void LogMoveRefused(ILogger logger, VmId vmId, string request, string target, string reason);
}
