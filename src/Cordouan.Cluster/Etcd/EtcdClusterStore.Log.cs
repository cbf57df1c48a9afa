using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Etcd;

public sealed partial class EtcdClusterStore
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6010, Level = LogLevel.Debug, Message = "etcd lease {Lease} granted with TTL {Ttl} s")]
        public static partial void LeaseGranted(ILogger logger, long lease, long ttl);

        [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "Watch on {Prefix} broke at revision {Revision}: {Reason}; reconnecting")]
        public static partial void WatchBroken(ILogger logger, string prefix, long revision, string reason);

        [LoggerMessage(EventId = 6012, Level = LogLevel.Debug, Message = "Watch on {Prefix} ended by etcd at revision {Revision}; reconnecting")]
        public static partial void WatchEnded(ILogger logger, string prefix, long revision);

        [LoggerMessage(EventId = 6013, Level = LogLevel.Warning, Message = "Watch on {Prefix} from revision {Revision} was compacted (oldest kept: {CompactRevision}); restarting from the current revision, changes in between are lost")]
        public static partial void WatchCompacted(ILogger logger, string prefix, long revision, long compactRevision);

        [LoggerMessage(EventId = 6014, Level = LogLevel.Debug, Message = "Watch on {Prefix} still cannot reconnect: {Reason}")]
        public static partial void WatchStillBroken(ILogger logger, string prefix, string reason);

        [LoggerMessage(EventId = 6015, Level = LogLevel.Information, Message = "Watch on {Prefix} resumed from revision {Revision}")]
        public static partial void WatchResumed(ILogger logger, string prefix, long revision);
    }
}
