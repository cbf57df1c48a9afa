namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>Reply of <c>query-status</c>: <c>status</c> is QEMU's run state (<c>running</c>, <c>paused</c>, <c>prelaunch</c>, <c>internal-error</c>...).</summary>
public sealed record QmpStatusInfo(bool Running, string Status);
