namespace Cordouan.Node.Vms.Migration;

/// <summary>
/// An offline migration as asked (<c>POST …/migrate</c>). <see cref="BandwidthLimitKiBps"/> is Proxmox's unit (KiB/s),
/// null or 0 meaning unlimited; <see cref="TargetStorage"/> maps source storages to the target's.
/// </summary>
public sealed record MigrationRequest(string Target)
{
    public bool Online { get; init; }

    public bool WithLocalDisks { get; init; }

    public TargetStorageMap TargetStorage { get; init; } = TargetStorageMap.Identity;

    public long? BandwidthLimitKiBps { get; init; }
}
