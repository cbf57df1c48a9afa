using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Users;

public sealed partial class UserStore
{
    /// <summary>Event ids 7010-7019 (Cordouan.Access owns 7000-7099).</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Created user {User}")]
        public static partial void UserCreated(ILogger logger, string user);

        [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Deleted user {User} with its tokens and ACL entries")]
        public static partial void UserDeleted(ILogger logger, string user);

        [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "Changed the password of user {User}")]
        public static partial void PasswordChanged(ILogger logger, string user);
    }
}
