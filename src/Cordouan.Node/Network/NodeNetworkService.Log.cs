using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Network;

public sealed partial class NodeNetworkService
{
    [LoggerMessage(EventId = 3600, Level = LogLevel.Information, Message = "Network configuration of node {Node} applied ({Count} declared interfaces)")]
    private static partial void LogApplied(ILogger logger, string node, int count);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Network configuration of node {Node} restored at start ({Count} interfaces, {Differences} differences)")]
    private static partial void LogRestored(ILogger logger, string node, int count, int differences);
}
