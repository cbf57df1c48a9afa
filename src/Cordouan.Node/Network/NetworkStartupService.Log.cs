using Cordouan.Core.Tasks;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Network;

public sealed partial class NetworkStartupService
{
    [LoggerMessage(EventId = 3602, Level = LogLevel.Information, Message = "Restoring the applied network configuration: task {Upid}")]
    private static partial void LogRestoring(ILogger logger, Upid upid);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Error, Message = "Restoring or checking the network configuration at start failed; the daemon starts anyway (PUT /nodes/<node>/network re-applies)")]
    private static partial void LogRestoreFailed(ILogger logger, Exception exception);
}
