using Microsoft.Extensions.Logging;

namespace Cordouan.Qemu.Qmp.Monitor;

public sealed partial class QmpMonitor
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "QMP {Socket}: connected to QEMU {Version}")]
        public static partial void Connected(ILogger logger, string socket, Version version);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "QMP {Socket}: -> {Command}")]
        public static partial void Sending(ILogger logger, string socket, string command);

        [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "QMP {Socket}: <- {Command} ok")]
        public static partial void Succeeded(ILogger logger, string socket, string command);

        [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "QMP {Socket}: <- {Command} failed: {ErrorClass}: {Description}")]
        public static partial void CommandFailed(ILogger logger, string socket, string command, string errorClass, string description);
    }
}
