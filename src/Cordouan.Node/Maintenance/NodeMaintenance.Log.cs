using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Maintenance;

public sealed partial class NodeMaintenance
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Information, Message = "Node {Node} entered maintenance mode")]
    private static partial void LogEntered(ILogger logger, string node);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Node {Node} left maintenance mode")]
    private static partial void LogExited(ILogger logger, string node);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Information, Message = "Node {Node} evacuated: {Moved} VM(s) moved, {Stayed} stayed, in {Seconds:0.0} s")]
    private static partial void LogEvacuated(ILogger logger, string node, int moved, int stayed, double seconds);
}
