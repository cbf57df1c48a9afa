using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Cordouan.Node.Vms.Live;

/// <summary>
/// Reads every node's live status (<see cref="ClusterKeys.LiveStatusPrefix"/>) for listings, at most once per
/// <see cref="RefreshAfter"/> however many requests ask. A node's document counts as fresh while it keeps changing:
/// one whose revision has not moved for <see cref="StaleAfter"/> (measured on this node's clock, so clock skew between
/// nodes does not matter), or that vanished with its node's lease, or that cannot be read, makes its VMs unknown.
/// </summary>
public sealed partial class ClusterLiveStatus(IClusterStore store, TimeProvider time, ILogger<ClusterLiveStatus> logger) : IDisposable
{
    /// <summary>Publishers rewrite their document every 2 s: 5 missed rewrites make a node's VMs unknown.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Dictionary<string, Tracked> _tracked = new(StringComparer.Ordinal);
    private LiveStatusView _view = LiveStatusView.Empty;
    private long _readAt = long.MinValue;

    /// <summary>The fresh nodes, read from etcd unless a read less than <see cref="RefreshAfter"/> ago is at hand.</summary>
    public async Task<LiveStatusView> ReadAsync(CancellationToken cancellationToken)
    {
        if (IsRecent(Volatile.Read(ref _readAt)))
        {
            return Volatile.Read(ref _view);
        }
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (IsRecent(_readAt))
            {
                return _view;
            }
            var now = time.GetTimestamp();
            try
            {
                Track(await store.ListAsync(ClusterKeys.LiveStatusPrefix, cancellationToken), now);
            }
            catch (QuorumLostException e)
            {
                // What was read before keeps ageing: past StaleAfter its nodes' VMs turn unknown.
                LogReadFailed(logger, e.Message);
            }
            var fresh = new Dictionary<string, LiveStatusView.FreshNode>(StringComparer.Ordinal);
            foreach (var (node, tracked) in _tracked)
            {
                if (time.GetElapsedTime(tracked.ChangedAt, now) <= StaleAfter)
                {
                    fresh[node] = tracked.Node;
                }
            }
            var view = new LiveStatusView(fresh);
            Volatile.Write(ref _view, view);
            Volatile.Write(ref _readAt, now);
            return view;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private bool IsRecent(long readAt) => readAt != long.MinValue && time.GetElapsedTime(readAt) < RefreshAfter;

    /// <summary>Keeps, per node, its decoded document and when its revision last moved; forgets nodes whose key is gone.</summary>
    private void Track(IReadOnlyList<StoreEntry> entries, long now)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var node = entry.Key[ClusterKeys.LiveStatusPrefix.Length..];
            present.Add(node);
            if (_tracked.TryGetValue(node, out var known) && known.Revision == entry.ModRevision)
            {
                continue;
            }
            if (NodeLiveDocument.TryParse(entry.Value) is { } document)
            {
                _tracked[node] = new Tracked(entry.ModRevision, now, LiveStatusView.FreshNode.Of(document));
            }
            else
            {
                LogUnreadable(logger, node);
                _tracked.Remove(node);
            }
        }
        foreach (var gone in _tracked.Keys.Where(n => !present.Contains(n)).ToList())
        {
            _tracked.Remove(gone);
        }
    }

    [LoggerMessage(EventId = 3700, Level = LogLevel.Warning, Message = "Cannot read the nodes' live status: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "Live status of node {Node} is unreadable (another version?); its VMs show as unknown")]
    private static partial void LogUnreadable(ILogger logger, string node);

    private sealed record Tracked(long Revision, long ChangedAt, LiveStatusView.FreshNode Node);
}
