using Microsoft.Extensions.Logging;

namespace Cordouan.Ceph.Daemons;

public sealed partial class SystemdCephUnits
{
    [LoggerMessage(EventId = 8911, Level = LogLevel.Information, Message = "Enabled and started {Unit}")]
    private static partial void LogStarted(ILogger logger, string unit);

    [LoggerMessage(EventId = 8912, Level = LogLevel.Information, Message = "Disabled and stopped {Unit}")]
    private static partial void LogStopped(ILogger logger, string unit);
}
