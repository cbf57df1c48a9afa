using System.Globalization;
using Cordouan.Scenarios.Infrastructure;

namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>
/// Memory of cordouand and its etcd child (VmRSS, in MB of 1024 kB), the size of etcd's database file and its quota
/// (<c>--quota-backend-bytes</c> from etcd's command line; null when not set there).
/// </summary>
public sealed record Footprint(double DaemonRss, double DaemonPeakRss, double EtcdRss, double DbTotalMiB, double DbInUseMiB, double? QuotaMiB)
{
    private const string QuotaFlag = "--quota-backend-bytes=";

    private const double MiB = 1024 * 1024;

    /// <summary>Reads <c>/proc/&lt;pid&gt;/status</c> of both processes and etcd's db size metrics now.</summary>
    public static async Task<Footprint> TakeAsync(BenchContext context, HttpClient http, Uri etcdClientUrl, CancellationToken cancellationToken)
    {
        var pid = context.Node.Pid ?? throw new InvalidOperationException("cordouand is not running");
        var etcdPid = ProcStatus.ChildrenNamed(pid, Programs.Etcd).FirstOrDefault();
        if (etcdPid == 0)
        {
            throw new InvalidOperationException($"no etcd child of cordouand {pid}: the scale simulation needs the embedded etcd");
        }
        var metrics = await EtcdMetrics.ScrapeAsync(http, etcdClientUrl, cancellationToken);
        return new Footprint(
            ProcStatus.MegabytesOf(pid, "VmRSS") ?? throw new InvalidOperationException($"no VmRSS for cordouand {pid}"),
            ProcStatus.MegabytesOf(pid, "VmHWM") ?? double.NaN,
            ProcStatus.MegabytesOf(etcdPid, "VmRSS") ?? throw new InvalidOperationException($"no VmRSS for etcd {etcdPid}"),
            metrics[EtcdMetrics.DbTotalBytes] / MiB,
            metrics[EtcdMetrics.DbInUseBytes] / MiB,
            ProcStatus.CommandLine(etcdPid).FirstOrDefault(a => a.StartsWith(QuotaFlag, StringComparison.Ordinal)) is { } flag
                && long.TryParse(flag[QuotaFlag.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var quota)
                ? quota / MiB
                : null);
    }
}
