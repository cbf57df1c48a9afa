using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Leases;

public sealed partial class LeaseKeeper
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6020, Level = LogLevel.Warning, Message = "Keep-alive of etcd lease {Lease} failed: {Reason}; retrying until the TTL runs out")]
        public static partial void KeepAliveFailed(ILogger logger, long lease, string reason);

        [LoggerMessage(EventId = 6021, Level = LogLevel.Error, Message = "etcd lease {Lease} lost: {Reason}")]
        public static partial void LeaseLost(ILogger logger, long lease, string reason);

        [LoggerMessage(EventId = 6022, Level = LogLevel.Warning, Message = "Could not revoke etcd lease {Lease} ({Reason}); it will expire on its own")]
        public static partial void RevokeFailed(ILogger logger, long lease, string reason);
    }
}
