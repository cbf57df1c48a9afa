using Microsoft.Extensions.Logging;

namespace Cordouan.Network.Nat;

public sealed partial class DnsmasqSupervisor
{
    [LoggerMessage(EventId = 9120, Level = LogLevel.Information, Message = "Started dnsmasq of NAT bridge {Bridge}")]
    private static partial void LogStarted(ILogger logger, string bridge);

    [LoggerMessage(EventId = 9121, Level = LogLevel.Information, Message = "Stopped dnsmasq of NAT bridge {Bridge}")]
    private static partial void LogStopped(ILogger logger, string bridge);

    [LoggerMessage(EventId = 9122, Level = LogLevel.Warning, Message = "dnsmasq of NAT bridge {Bridge} is not running; starting it")]
    private static partial void LogRestarting(ILogger logger, string bridge);

    [LoggerMessage(EventId = 9123, Level = LogLevel.Error, Message = "dnsmasq of NAT bridge {Bridge} failed to start; will retry")]
    private static partial void LogRestartFailed(ILogger logger, string bridge, Exception exception);

    [LoggerMessage(EventId = 9124, Level = LogLevel.Warning, Message = "Checking the dnsmasq processes failed; will retry")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
