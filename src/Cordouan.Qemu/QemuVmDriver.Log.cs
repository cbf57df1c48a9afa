using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Microsoft.Extensions.Logging;

namespace Cordouan.Qemu;

public sealed partial class QemuVmDriver
{
    /// <summary>Event ids 5030-5049 (Cordouan.Qemu owns 5000-5099).</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 5030, Level = LogLevel.Information, Message = "VM {VmId} started (pid {Pid}, {Accelerator})")]
        public static partial void Started(ILogger logger, VmId vmId, int pid, Accelerator accelerator);

        [LoggerMessage(EventId = 5031, Level = LogLevel.Information, Message = "VM {VmId} stopped")]
        public static partial void Stopped(ILogger logger, VmId vmId);

        [LoggerMessage(EventId = 5032, Level = LogLevel.Information, Message = "VM {VmId} shut down")]
        public static partial void ShutDown(ILogger logger, VmId vmId);

        [LoggerMessage(EventId = 5033, Level = LogLevel.Warning, Message = "VM {VmId} did not power off within {Seconds} s of the ACPI power button")]
        public static partial void ShutdownTimedOut(ILogger logger, VmId vmId, double seconds);

        [LoggerMessage(EventId = 5034, Level = LogLevel.Warning, Message = "VM {VmId}: QMP quit failed ({Reason}); waiting for the process, then SIGKILL")]
        public static partial void QuitFailed(ILogger logger, VmId vmId, string reason);

        [LoggerMessage(EventId = 5035, Level = LogLevel.Warning, Message = "VM {VmId}: QEMU (pid {Pid}) still running {Seconds} s after quit; sending SIGKILL")]
        public static partial void Killing(ILogger logger, VmId vmId, int pid, double seconds);

        [LoggerMessage(EventId = 5041, Level = LogLevel.Debug, Message = "VM {VmId}: usage not sampled this pass: {Reason}")]
        public static partial void SampleFailed(ILogger logger, VmId vmId, string reason);

        [LoggerMessage(EventId = 5048, Level = LogLevel.Warning, Message = "VM {VmId}: could not remove its leftover taps: {Reason}")]
        public static partial void TapCleanupFailed(ILogger logger, VmId vmId, string reason);

        [LoggerMessage(EventId = 5046, Level = LogLevel.Information, Message = "VM {VmId}: NIC {Nic} hot-plugged (pid {Pid})")]
        public static partial void NicPlugged(ILogger logger, VmId vmId, string nic, int pid);

        [LoggerMessage(EventId = 5047, Level = LogLevel.Information, Message = "VM {VmId}: NIC {Nic} hot-unplugged")]
        public static partial void NicUnplugged(ILogger logger, VmId vmId, string nic);

        [LoggerMessage(EventId = 5090, Level = LogLevel.Warning, Message = "VM {VmId}: fencing, SIGKILL to QEMU (pid {Pid})")]
        public static partial void Fencing(ILogger logger, VmId vmId, int pid);

        [LoggerMessage(EventId = 5036, Level = LogLevel.Information, Message = "VM {VmId}: re-attached to running QEMU (pid {Pid})")]
        public static partial void Attached(ILogger logger, VmId vmId, int pid);

        [LoggerMessage(EventId = 5037, Level = LogLevel.Information, Message = "VM {VmId}: no QEMU runs for run directory {Directory}; removing it")]
        public static partial void RemovingStaleRunDirectory(ILogger logger, VmId vmId, string directory);

        [LoggerMessage(EventId = 5038, Level = LogLevel.Warning, Message = "VM {VmId}: could not re-attach: {Reason}")]
        public static partial void RecoverFailed(ILogger logger, VmId vmId, string reason);

        [LoggerMessage(EventId = 5039, Level = LogLevel.Information, Message = "Recovered {Count} running VM(s)")]
        public static partial void RecoveredVms(ILogger logger, int count);

        [LoggerMessage(EventId = 5040, Level = LogLevel.Warning, Message = "Could not remove run directory {Directory}: {Reason}")]
        public static partial void CleanupFailed(ILogger logger, string directory, string reason);
    }
}
