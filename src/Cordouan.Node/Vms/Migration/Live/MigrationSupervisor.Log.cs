using Cordouan.Core.Ids;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms.Migration.Live;

public sealed partial class MigrationSupervisor
{
    [LoggerMessage(EventId = 3340, Level = LogLevel.Warning, Message = "Live migration of VM {VmId} was interrupted by a restart: it keeps running on this node, lock cleared")]
    private static partial void LogResumedOutgoing(ILogger logger, VmId vmId);

    [LoggerMessage(EventId = 3341, Level = LogLevel.Information, Message = "Adopted the incoming migration of VM {VmId} from node {Source} after a restart")]
    private static partial void LogAdopted(ILogger logger, VmId vmId, string source);

    [LoggerMessage(EventId = 3342, Level = LogLevel.Warning, Message = "VM {VmId} now runs on node {Owner}: stopping the stale paused copy left here by a migration")]
    private static partial void LogStoppingStale(ILogger logger, VmId vmId, string owner);

    [LoggerMessage(EventId = 3343, Level = LogLevel.Warning, Message = "Could not settle the interrupted migration of VM {VmId}: {Reason}")]
    private static partial void LogSettleFailed(ILogger logger, VmId vmId, string reason);

    [LoggerMessage(EventId = 3344, Level = LogLevel.Warning, Message = "Migration supervision pass failed: {Reason} (retrying)")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
