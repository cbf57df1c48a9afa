using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Locks;

public sealed partial class ClusterLock
{
    internal static partial class Log
    {
        [LoggerMessage(EventId = 6030, Level = LogLevel.Debug, Message = "Lock {Lock} acquired by {Owner}")]
        public static partial void LockAcquired(ILogger logger, string @lock, string owner);

        [LoggerMessage(EventId = 6031, Level = LogLevel.Debug, Message = "Lock {Lock} is busy; {Owner} did not get it")]
        public static partial void LockBusy(ILogger logger, string @lock, string owner);

        [LoggerMessage(EventId = 6032, Level = LogLevel.Debug, Message = "Lock {Lock} released by {Owner}")]
        public static partial void LockReleased(ILogger logger, string @lock, string owner);
    }
}
