using System.Diagnostics;
using Cordouan.Core.Cluster;

namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>
/// Samples etcd's revision once a second over an idle window (an empty transaction returns the header revision and
/// writes nothing). Every write transaction moves the revision by one; lease grants and keep-alives do not, so the
/// rate is what the cluster writes, not how often it renews leases. Afterwards the window's writes are replayed from
/// etcd's history with a watch to tell which keys they touched.
/// </summary>
public sealed class IdleWriteSampler(IClusterStore store, HttpClient http, Uri etcdClientUrl)
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromSeconds(10);

    public async Task<IdleWrites> SampleAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var before = await EtcdMetrics.ScrapeAsync(http, etcdClientUrl, cancellationToken);
        var first = await RevisionAsync(cancellationToken);
        var start = Stopwatch.GetTimestamp();
        var (revision, at) = (first, start);
        var rates = new List<double>();
        using var timer = new PeriodicTimer(SampleEvery);
        for (var i = 0; i < (int)Math.Ceiling(window / SampleEvery); i++)
        {
            await timer.WaitForNextTickAsync(cancellationToken);
            var current = await RevisionAsync(cancellationToken);
            var now = Stopwatch.GetTimestamp();
            rates.Add((current - revision) / Stopwatch.GetElapsedTime(at, now).TotalSeconds);
            (revision, at) = (current, now);
        }
        var after = await EtcdMetrics.ScrapeAsync(http, etcdClientUrl, cancellationToken);
        var (byPrefix, complete) = await AttributeAsync(first, revision, cancellationToken);
        return new IdleWrites
        {
            WritesPerSecond = rates,
            Revisions = revision - first,
            Window = Stopwatch.GetElapsedTime(start, at),
            Before = before,
            After = after,
            KeysByPrefix = byPrefix,
            ReplayComplete = complete,
        };
    }

    private async Task<long> RevisionAsync(CancellationToken cancellationToken) =>
        (await store.TransactAsync([], [], cancellationToken)).Revision;

    /// <summary>Key writes after <paramref name="from"/> up to <paramref name="to"/>, by first path segment under the root, and whether the replay reached <paramref name="to"/>.</summary>
    private async Task<(IReadOnlyDictionary<string, int> Counts, bool Complete)> AttributeAsync(long from, long to, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (to <= from)
        {
            return (counts, true);
        }
        var complete = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReplayTimeout);
        try
        {
            await foreach (var change in store.WatchAsync(ClusterKeys.Root, from, deadline.Token))
            {
                if (change.ModRevision > to)
                {
                    break;
                }
                var rest = change.Key[ClusterKeys.Root.Length..];
                var segment = rest.Split('/')[0] + (rest.Contains('/', StringComparison.Ordinal) ? "/" : "");
                counts[segment] = counts.GetValueOrDefault(segment) + 1;
                if (change.ModRevision == to)
                {
                    complete = true;
                    // The last transaction of the window may hold more keys; they arrive in the same watch response.
                    deadline.CancelAfter(TimeSpan.FromMilliseconds(200));
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Replay done (or some revisions were outside the root prefix: reported as unattributed).
        }
        return (counts, complete);
    }
}
