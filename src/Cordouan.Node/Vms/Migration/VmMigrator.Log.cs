using Cordouan.Core.Ids;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms.Migration;

public sealed partial class VmMigrator
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "VM {VmId} migrated from {Node} to {Target} in {Seconds:0.0} s")]
    private static partial void LogMigrated(ILogger logger, VmId vmId, string node, string target, double seconds);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Migration of VM {VmId} from {Node} to {Target} aborted: {Reason}")]
    private static partial void LogAborted(ILogger logger, VmId vmId, string node, string target, string reason);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Information, Message = "VM {VmId} live-migrated from {Node} to {Target} in {Seconds:0.0} s, downtime {DowntimeMs:0} ms")]
    private static partial void LogMigratedLive(ILogger logger, VmId vmId, string node, string target, double seconds, double downtimeMs);
}
