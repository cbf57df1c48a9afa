using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Etcd;

internal sealed partial class EtcdTransport
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "etcd {Path}: {Reason}; trying the next member")]
        public static partial void MemberFailed(ILogger logger, string path, string reason);
    }
}
