using Microsoft.Extensions.Logging;

namespace Cordouan.Access.Permissions;

public sealed partial class AclStore
{
    /// <summary>Event ids 7040-7049 (Cordouan.Access owns 7000-7099).</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 7040, Level = LogLevel.Information, Message = "ACL on {Path}: {Action} roles {Roles}")]
        public static partial void AclUpdated(ILogger logger, string path, string action, IReadOnlyList<string> roles);
    }
}
