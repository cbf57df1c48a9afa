using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Network;

public sealed partial class NodeNetworkService
{
    [LoggerMessage(EventId = 3600, Level = LogLevel.Information, Message = "Network configuration of node {Node} applied ({Count} declared interfaces)")]
    private static partial void LogApplied(ILogger logger, string node, int count);
}
