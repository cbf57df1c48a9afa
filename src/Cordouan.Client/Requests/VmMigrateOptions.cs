namespace Cordouan.Client.Requests;

/// <summary>Optional parameters of <c>POST …/{vmid}/migrate</c>.</summary>
public sealed record VmMigrateOptions
{
    /// <summary>Live migration of a running VM (a stopped VM migrates offline anyway).</summary>
    public bool? Online { get; init; }

    public bool? WithLocalDisks { get; init; }

    /// <summary><c>sid</c> (all disks there) or <c>src:dst,…</c>.</summary>
    public string? TargetStorage { get; init; }

    /// <summary>Copy bandwidth limit in KiB/s (Proxmox's unit).</summary>
    public long? BandwidthLimitKiBps { get; init; }

    /// <summary>Extension: the longest pause QEMU may impose when switching over, in ms (default 100).</summary>
    public int? MaxDowntimeMs { get; init; }

    /// <summary>Extension: allow a switch to post-copy when pre-copy does not converge.</summary>
    public bool? Postcopy { get; init; }
}
