using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Tickets;

public sealed partial class TicketService
{
    /// <summary>Event ids 7000-7009 (Cordouan.Access owns 7000-7099; login failures are AuthenticationAudit's). Never logs passwords or tickets.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 7000, Level = LogLevel.Debug, Message = "User {User} logged in")]
        public static partial void LoggedIn(ILogger logger, string user);
    }
}
