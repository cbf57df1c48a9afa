namespace Cordouan.Node.Vms.Migration;

/// <summary>
/// A migration as asked (<c>POST …/migrate</c>). <see cref="BandwidthLimitKiBps"/> is Proxmox's unit (KiB/s),
/// null or 0 meaning unlimited; <see cref="TargetStorage"/> maps source storages to the target's.
/// </summary>
public sealed record MigrationRequest(string Target)
{
    public bool Online { get; init; }

    public bool WithLocalDisks { get; init; }

    public TargetStorageMap TargetStorage { get; init; } = TargetStorageMap.Identity;

    public long? BandwidthLimitKiBps { get; init; }

    /// <summary>Longest pause QEMU may impose on the guest when it switches over (Proxmox's <c>migrate_downtime</c>, default 100 ms).</summary>
    public TimeSpan MaxDowntime { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Let QEMU throttle vCPUs that dirty memory faster than it can be sent (on by default, as in Proxmox).</summary>
    public bool AutoConverge { get; init; } = true;

    /// <summary>Allow switching to post-copy when pre-copy does not converge (the guest then depends on both nodes until done).</summary>
    public bool AllowPostcopy { get; init; }
}
