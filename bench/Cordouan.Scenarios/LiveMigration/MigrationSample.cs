namespace Cordouan.Scenarios.LiveMigration;

/// <summary>One live migration as measured, on either side.</summary>
public sealed record MigrationSample
{
    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>The whole operation: bare = target launched → migrated → target resumed and source gone; Cordouan = the task's own duration.</summary>
    public required TimeSpan Total { get; init; }

    /// <summary>Guest paused: bare = source STOP → target RESUME (QMP event timestamps); Cordouan = the task log's <c>downtime</c>.</summary>
    public required double DowntimeMs { get; init; }

    /// <summary>QEMU's own <c>downtime</c> from <c>query-migrate</c> (bare only; Cordouan's log line already adds the resume).</summary>
    public double? QemuDowntimeMs { get; init; }

    public required HeartbeatGap Gap { get; init; }

    /// <summary>Dirty rate QEMU measured just before (bare only: <c>calc-dirty-rate</c>, page sampling, 1 s).</summary>
    public double? DirtyRateMBps { get; init; }

    /// <summary>Bytes QEMU sent (bare only).</summary>
    public long? TransferredBytes { get; init; }

    /// <summary>Where the time went, in words.</summary>
    public required string Breakdown { get; init; }
}
