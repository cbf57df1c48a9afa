using Cordouan.Core.Ids;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms.Migration.Live;

public sealed partial class IncomingMigrations
{
    [LoggerMessage(EventId = 3320, Level = LogLevel.Information, Message = "Incoming migration of VM {VmId} from node {Source}: waiting at {Uri}, ready in {ReadyMs:0} ms (QEMU start {LaunchMs:0} ms)")]
    private static partial void LogPrepared(ILogger logger, VmId vmId, string source, string uri, double readyMs, double launchMs);

    [LoggerMessage(EventId = 3321, Level = LogLevel.Information, Message = "Migrated VM {VmId} resumed on this node")]
    private static partial void LogResumed(ILogger logger, VmId vmId);

    [LoggerMessage(EventId = 3322, Level = LogLevel.Warning, Message = "Incoming migration of VM {VmId} aborted: {Reason}")]
    private static partial void LogAborted(ILogger logger, VmId vmId, string reason);

    [LoggerMessage(EventId = 3323, Level = LogLevel.Warning, Message = "VM {VmId} is now owned by this node but its source did not resume it: resuming it here")]
    private static partial void LogTakingOver(ILogger logger, VmId vmId);

    [LoggerMessage(EventId = 3324, Level = LogLevel.Warning, Message = "Could not settle the incoming migration of VM {VmId}: {Reason} (retrying)")]
    private static partial void LogCheckFailed(ILogger logger, VmId vmId, string reason);

    [LoggerMessage(EventId = 3325, Level = LogLevel.Warning, Message = "Could not delete volume {Volume} of an aborted incoming migration: {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, string volume, string reason);
}
