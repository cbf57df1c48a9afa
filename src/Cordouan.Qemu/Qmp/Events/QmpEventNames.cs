namespace Cordouan.Qemu.Qmp.Events;

/// <summary>Names of the QMP events Cordouan reacts to.</summary>
public static class QmpEventNames
{
    public const string Shutdown = "SHUTDOWN";
    public const string Powerdown = "POWERDOWN";
    public const string Reset = "RESET";
    public const string Stop = "STOP";
    public const string Resume = "RESUME";
    public const string Suspend = "SUSPEND";
    public const string Wakeup = "WAKEUP";
    public const string Migration = "MIGRATION";
    public const string BlockJobCompleted = "BLOCK_JOB_COMPLETED";
    public const string BlockJobReady = "BLOCK_JOB_READY";
    public const string BlockJobError = "BLOCK_JOB_ERROR";
    public const string BlockIoError = "BLOCK_IO_ERROR";
    public const string GuestPanicked = "GUEST_PANICKED";
}
