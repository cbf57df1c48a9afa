using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Guests;

public sealed partial class NodeGuests
{
    [LoggerMessage(EventId = 3700, Level = LogLevel.Information, Message = "Node {Node}: starting the VMs marked onboot (task {Upid})")]
    private static partial void LogStartingOnBoot(ILogger logger, string node, Cordouan.Core.Tasks.Upid upid);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Information, Message = "Node {Node}: no VM is marked onboot, nothing to start at boot")]
    private static partial void LogNothingOnBoot(ILogger logger, string node);

    [LoggerMessage(EventId = 3702, Level = LogLevel.Information, Message = "Node {Node}: all VMs stopped")]
    private static partial void LogAllStopped(ILogger logger, string node);
}
