namespace Cordouan.Testing;

/// <summary>What the guest reported for one <c>DISK-WRITE</c>: bytes written and the time it took by the guest's own clock.</summary>
public sealed record GuestDiskWrite(long Bytes, TimeSpan Elapsed)
{
    /// <summary>Throughput in MiB/s (by the guest's clock).</summary>
    public double MebibytesPerSecond => Bytes / 1048576.0 / Elapsed.TotalSeconds;
}
