using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Network;

public sealed partial class TrafficNetworkService
{
    [LoggerMessage(EventId = 3604, Level = LogLevel.Warning, Message = "Node {Node} traffic networks: {Warning}")]
    private static partial void LogMisplaced(ILogger logger, string node, string warning);
}
