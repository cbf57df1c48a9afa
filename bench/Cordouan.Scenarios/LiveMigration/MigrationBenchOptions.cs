namespace Cordouan.Scenarios.LiveMigration;

/// <summary>Settings shared by both sides of the live-migration scenario (issue 6), so they migrate the same guest the same way.</summary>
public sealed record MigrationBenchOptions
{
    /// <summary>Migrations per side, alternating n1 → n2 and back (ping-pong, one boot per side).</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Guest RAM, as the issue asks.</summary>
    public int MemoryMiB { get; init; } = 1024;

    /// <summary>QEMU <c>downtime-limit</c> (Proxmox's default <c>migrate_downtime</c> is 0.1 s).</summary>
    public int DowntimeLimitMs { get; init; } = 100;

    /// <summary>QEMU <c>max-bandwidth</c>; above what TCG guests reach here (~170 MB/s), so it does not pace the run.</summary>
    public int BandwidthMiBps { get; init; } = 512;

    /// <summary>Bound on one migration, either side (a stuck one fails the scenario instead of hanging the run).</summary>
    public TimeSpan MigrationTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Bound on a boot until the dirtying loop runs (TCG, 1 GiB, an 8 MiB urandom seed).</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Heartbeats awaited on the target after a migration before the next round (they give the HB gap).</summary>
    public int HeartbeatsAfter { get; init; } = 5;

    /// <summary>Calm time between the guest's dirtying loop starting (or a migration) and the next migration.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    public const double TotalRatioGoal = 1.2;

    public const double DowntimeMarginGoalMs = 50;
}
