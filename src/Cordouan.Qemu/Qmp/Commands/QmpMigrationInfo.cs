namespace Cordouan.Qemu.Qmp.Commands;

/// <summary>Reply of <c>query-migrate</c> (times in ms); members absent before the migration reaches them are null.</summary>
public sealed record QmpMigrationInfo(
    string? Status,
    long? TotalTime,
    long? Downtime,
    long? ExpectedDowntime,
    QmpMigrationRam? Ram,
    string? ErrorDesc);

/// <summary>The <c>ram</c> member of <c>query-migrate</c>.</summary>
public sealed record QmpMigrationRam(
    long Transferred,
    long Remaining,
    long Total,
    long DirtyPagesRate,
    double Mbps,
    long DirtySyncCount,
    long PageSize);
