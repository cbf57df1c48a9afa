using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Ha;

public sealed partial class HaClusterManager
{
    [LoggerMessage(EventId = 3520, Level = LogLevel.Warning, Message = "HA manager: pass failed: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3521, Level = LogLevel.Information, Message = "HA manager: node {Node} is now the cluster resource manager")]
    private static partial void LogElected(ILogger logger, string node);

    [LoggerMessage(EventId = 3522, Level = LogLevel.Information, Message = "HA manager: no longer the cluster resource manager: {Reason}")]
    private static partial void LogResigned(ILogger logger, string reason);

    [LoggerMessage(EventId = 3523, Level = LogLevel.Warning, Message = "HA manager: node {Node} lost its lease; its HA VMs are recovered after the fencing margin")]
    private static partial void LogNodeLost(ILogger logger, string node);

    [LoggerMessage(EventId = 3524, Level = LogLevel.Warning, Message = "HA manager: {Sid} recovered from fenced node {From} to {To}")]
    private static partial void LogRecovered(ILogger logger, string sid, string from, string to);

    [LoggerMessage(EventId = 3525, Level = LogLevel.Warning, Message = "HA manager: {Sid} relocated from {From} to {To}")]
    private static partial void LogRelocated(ILogger logger, string sid, string from, string to);

    [LoggerMessage(EventId = 3526, Level = LogLevel.Error, Message = "HA manager: {Sid} is in error: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string sid, string reason);
}
