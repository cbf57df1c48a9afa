namespace Cordouan.Qemu.Supervisor;

/// <summary>
/// What the driver persists in <c>&lt;rundir&gt;/handle.json</c> to re-attach to a running QEMU after a restart.
/// <see cref="ProcessStartTicks"/> (field 22 of <c>/proc/&lt;pid&gt;/stat</c>) tells a reused pid from ours.
/// </summary>
public sealed record QemuHandle
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required int VmId { get; init; }
    public required int Pid { get; init; }
    public required long ProcessStartTicks { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>SHA-256 of the full argv (NUL-separated), to tell whether a running VM matches its current config.</summary>
    public required string ArgvHash { get; init; }
}
