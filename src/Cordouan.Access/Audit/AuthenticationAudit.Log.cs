using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Audit;

public sealed partial class AuthenticationAudit
{
    /// <summary>Event ids 7080-7089 (Cordouan.Access owns 7000-7099).</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 7080, Level = LogLevel.Warning, Message = "{Line}")]
        public static partial void AuthenticationFailure(ILogger logger, string line);

        [LoggerMessage(EventId = 7081, Level = LogLevel.Debug, Message = "Login failure not sent to syslog: {Reason}")]
        public static partial void SyslogDropped(ILogger logger, string reason);
    }
}
