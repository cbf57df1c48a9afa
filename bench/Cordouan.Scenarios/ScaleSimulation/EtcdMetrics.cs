using System.Globalization;

namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>
/// The unlabelled counters and gauges of etcd's Prometheus endpoint (<c>/metrics</c> on the client URL), e.g.
/// <c>etcd_mvcc_put_total</c>. Names below are those of etcd 3.4.
/// </summary>
public sealed class EtcdMetrics(IReadOnlyDictionary<string, double> values)
{
    public const string Puts = "etcd_mvcc_put_total";
    public const string Deletes = "etcd_mvcc_delete_total";
    public const string ProposalsCommitted = "etcd_server_proposals_committed_total";
    public const string WalFsyncs = "etcd_disk_wal_fsync_duration_seconds_count";
    public const string LeasesRenewed = "etcd_debugging_lease_renewed_total";
    public const string DbTotalBytes = "etcd_mvcc_db_total_size_in_bytes";
    public const string DbInUseBytes = "etcd_mvcc_db_total_size_in_use_in_bytes";

    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A metric's value, or NaN when this etcd does not export it.</summary>
    public double this[string name] => values.TryGetValue(name, out var value) ? value : double.NaN;

    /// <summary>Scrapes <paramref name="clientUrl"/><c>/metrics</c> (a loopback etcd).</summary>
    public static async Task<EtcdMetrics> ScrapeAsync(HttpClient http, Uri clientUrl, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ScrapeTimeout);
        var text = await http.GetStringAsync(new Uri(clientUrl, "/metrics"), timeout.Token);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            // Only "name value" lines: comments start with '#', labelled series contain '{'.
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && !parts[0].StartsWith('#') && !parts[0].Contains('{', StringComparison.Ordinal)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values[parts[0]] = value;
            }
        }
        return new EtcdMetrics(values);
    }

    /// <summary>How much <paramref name="name"/> grew from <paramref name="earlier"/> to this scrape.</summary>
    public double Since(EtcdMetrics earlier, string name) => this[name] - earlier[name];
}
