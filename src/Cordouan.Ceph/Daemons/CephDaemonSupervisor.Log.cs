using Microsoft.Extensions.Logging;

namespace Cordouan.Ceph.Daemons;

public sealed partial class CephDaemonSupervisor
{
    [LoggerMessage(EventId = 8901, Level = LogLevel.Information, Message = "Adopted running Ceph daemon {Daemon} (pid {Pid})")]
    private static partial void LogAdopted(ILogger logger, string daemon, int pid);

    [LoggerMessage(EventId = 8902, Level = LogLevel.Warning, Message = "Ceph daemon {Daemon} is not running; starting it (attempt {Attempt})")]
    private static partial void LogRestarting(ILogger logger, string daemon, int attempt);

    [LoggerMessage(EventId = 8903, Level = LogLevel.Error, Message = "Ceph daemon {Daemon} failed to start; next attempt in {BackoffSeconds} s")]
    private static partial void LogRestartFailed(ILogger logger, string daemon, double backoffSeconds, Exception exception);

    [LoggerMessage(EventId = 8904, Level = LogLevel.Information, Message = "Stopped Ceph daemon {Daemon}")]
    private static partial void LogStopped(ILogger logger, string daemon);

    [LoggerMessage(EventId = 8905, Level = LogLevel.Warning, Message = "Checking the Ceph daemons failed; will retry")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
