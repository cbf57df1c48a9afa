using Cordouan.Core.Ids;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Ha;

public sealed partial class HaLocalManager
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Warning, Message = "HA: local pass failed: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Critical, Message = "HA: this node's lease may have expired: fencing {Count} HA VM(s) (SIGKILL) before the cluster recovers them elsewhere")]
    private static partial void LogFencing(ILogger logger, int count);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "HA: VM {VmId} fenced")]
    private static partial void LogFenced(ILogger logger, VmId vmId);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Critical, Message = "HA: fencing VM {VmId} failed: {Reason}")]
    private static partial void LogFenceFailed(ILogger logger, VmId vmId, string reason);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Information, Message = "HA: lease lost, but no HA VM runs here: nothing to fence")]
    private static partial void LogNothingToFence(ILogger logger);

    [LoggerMessage(EventId = 3505, Level = LogLevel.Warning, Message = "HA: VM {VmId} stopped unexpectedly: restart {Restart} of {MaxRestart} in place")]
    private static partial void LogRestarting(ILogger logger, VmId vmId, int restart, int maxRestart);

    [LoggerMessage(EventId = 3506, Level = LogLevel.Warning, Message = "HA: VM {VmId} stopped again after {Restarts} restart(s): asking for relocation")]
    private static partial void LogRelocationRequested(ILogger logger, VmId vmId, int restarts);

    [LoggerMessage(EventId = 3507, Level = LogLevel.Information, Message = "HA: VM {VmId} requested stopped: shutting it down")]
    private static partial void LogStopping(ILogger logger, VmId vmId);

    [LoggerMessage(EventId = 3508, Level = LogLevel.Information, Message = "HA: VM {VmId} not acted on this pass: {Reason}")]
    private static partial void LogStartDeferred(ILogger logger, VmId vmId, string reason);

    [LoggerMessage(EventId = 3509, Level = LogLevel.Information, Message = "HA: daemon stopping with {Count} HA VM(s) running: they stay up, frozen until it is back")]
    private static partial void LogFrozenForRestart(ILogger logger, int count);

    [LoggerMessage(EventId = 3510, Level = LogLevel.Error, Message = "HA: could not mark this node as restarting ({Reason}): killing its HA VMs, which the cluster would otherwise recover elsewhere while they still run here")]
    private static partial void LogFreezeFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3511, Level = LogLevel.Error, Message = "HA: the fence guard cannot be reached ({Reason}): if this daemon dies now, its HA VMs are not killed at the lease deadline")]
    private static partial void LogGuardFailed(ILogger logger, string reason);
}
