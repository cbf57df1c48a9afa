namespace Cordouan.Core.Vms.Migration;

/// <summary>
/// QEMU's view of an outgoing migration (<c>query-migrate</c>). <see cref="Status"/> is QEMU's word: <c>setup</c>,
/// <c>active</c>, <c>postcopy-active</c>, <c>device</c>, <c>completed</c>, <c>failed</c>, <c>cancelled</c>…;
/// <see cref="Downtime"/> is set once completed; <see cref="Iterations"/> counts RAM passes (dirty syncs).
/// </summary>
public sealed record MigrationProgress(
    string Status,
    long TransferredBytes,
    long RemainingBytes,
    long TotalBytes,
    long DirtyPagesPerSecond,
    long PageSize,
    long Iterations,
    double Mbps,
    TimeSpan? ExpectedDowntime,
    TimeSpan? Downtime,
    TimeSpan Total,
    string? Error)
{
    public bool IsCompleted => Status == "completed";

    /// <summary>Failed or cancelled: the guest still runs (or runs again) on the source.</summary>
    public bool IsFailed => Status is "failed" or "cancelled" or "none";

    public bool IsPostcopy => Status.StartsWith("postcopy", StringComparison.Ordinal);
}
