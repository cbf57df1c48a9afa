using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Tickets;

public sealed partial class TicketService
{
    /// <summary>Event ids 7000-7009 (Cordouan.Access owns 7000-7099). Never logs passwords or tickets.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 7000, Level = LogLevel.Debug, Message = "User {User} logged in")]
        public static partial void LoggedIn(ILogger logger, string user);

        [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Authentication failure for user {User}")]
        public static partial void LoginFailed(ILogger logger, string user);
    }
}
