namespace Cordouan.Node.Vms.Migration;

/// <summary>
/// Keeps an average transfer rate: after <c>bytes</c> sent in <c>elapsed</c>, how long to wait before sending more
/// so that the average stays at or under <see cref="BytesPerSecond"/> (pure; the stream does the waiting).
/// </summary>
public sealed record BandwidthLimiter(long BytesPerSecond)
{
    /// <summary>A limiter for Proxmox's <c>bwlimit</c> in KiB/s; null for no limit (null or 0).</summary>
    public static BandwidthLimiter? FromKiBps(long? kibps) => kibps is > 0 ? new BandwidthLimiter(kibps.Value * 1024) : null;

    public TimeSpan DelayFor(long bytes, TimeSpan elapsed)
    {
        var due = TimeSpan.FromSeconds((double)bytes / BytesPerSecond);
        return due > elapsed ? due - elapsed : TimeSpan.Zero;
    }
}
