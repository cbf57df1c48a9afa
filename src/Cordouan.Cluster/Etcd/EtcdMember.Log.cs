using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Etcd;

public sealed partial class EtcdMember
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6040, Level = LogLevel.Information, Message = "Starting etcd member {Member}: client {ClientUrl}, peer {PeerUrl}, data {DataDirectory}")]
        public static partial void Starting(ILogger logger, string member, string clientUrl, string peerUrl, string dataDirectory);

        [LoggerMessage(EventId = 6041, Level = LogLevel.Information, Message = "etcd member {Member} (pid {Pid}) is healthy after {Elapsed}")]
        public static partial void Healthy(ILogger logger, string member, int pid, TimeSpan elapsed);

        [LoggerMessage(EventId = 6042, Level = LogLevel.Warning, Message = "etcd member {Member} (pid {Pid}) exited with code {ExitCode} after {Uptime}: {Complaints}")]
        public static partial void Exited(ILogger logger, string member, int pid, int exitCode, TimeSpan uptime, string complaints);

        [LoggerMessage(EventId = 6043, Level = LogLevel.Warning, Message = "Restarting etcd member {Member} in {Delay} (attempt {Attempt})")]
        public static partial void Restarting(ILogger logger, string member, TimeSpan delay, int attempt);

        [LoggerMessage(EventId = 6044, Level = LogLevel.Error, Message = "Restart of etcd member {Member} failed: {Reason}")]
        public static partial void RestartFailed(ILogger logger, string member, string reason);

        [LoggerMessage(EventId = 6045, Level = LogLevel.Warning, Message = "etcd member {Member}: found a leftover etcd (pid {Pid}, from {PidFile}) on our data directory; stopping it")]
        public static partial void LeftoverFound(ILogger logger, string member, int pid, string pidFile);

        [LoggerMessage(EventId = 6046, Level = LogLevel.Information, Message = "Stopping etcd member {Member} (pid {Pid})")]
        public static partial void Stopping(ILogger logger, string member, int pid);

        [LoggerMessage(EventId = 6047, Level = LogLevel.Warning, Message = "etcd member {Member} (pid {Pid}) did not stop within {Timeout} of SIGTERM; killing it")]
        public static partial void KillingAfterTimeout(ILogger logger, string member, int pid, TimeSpan timeout);

        [LoggerMessage(EventId = 6048, Level = LogLevel.Warning, Message = "Could not send SIG{Signal} to pid {Pid} with kill(1): {Reason}; using SIGKILL")]
        public static partial void SignalFailed(ILogger logger, int pid, string signal, string reason);

        [LoggerMessage(EventId = 6049, Level = LogLevel.Warning, Message = "etcd member {Member} (pid {Pid}) runs but is not healthy after {Timeout} ({Health}); its peers are probably down, continuing without quorum")]
        public static partial void RunningWithoutQuorum(ILogger logger, string member, int pid, TimeSpan timeout, string health);
    }
}
