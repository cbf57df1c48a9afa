using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Tokens;

public sealed partial class ApiTokenService
{
    /// <summary>Event ids 7030-7039 (Cordouan.Access owns 7000-7099). Never logs secrets.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 7030, Level = LogLevel.Information, Message = "Created API token {TokenId}")]
        public static partial void TokenCreated(ILogger logger, string tokenId);

        [LoggerMessage(EventId = 7031, Level = LogLevel.Information, Message = "Deleted API token {TokenId}")]
        public static partial void TokenDeleted(ILogger logger, string tokenId);

        [LoggerMessage(EventId = 7032, Level = LogLevel.Warning, Message = "Refused API token {TokenId}: unknown, expired, disabled user or wrong secret")]
        public static partial void TokenRefused(ILogger logger, string tokenId);
    }
}
