using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Cordouan.Core.Cluster;

namespace Cordouan.Access.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IClusterStore"/> keeping etcd's rules: one global revision bumped by every successful
/// write transaction; per-key mod and create revisions; compare on mod revision (0 = absent); all-or-nothing
/// transactions; ordered prefix listing; leases whose keys vanish on revoke or expiry; watches from a revision.
/// <see cref="BeforeTransact"/> lets a test slip a competing write in just before a transaction is evaluated.
/// </summary>
internal sealed class InMemoryClusterStore(TimeProvider timeProvider) : IClusterStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, StoreEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (TimeSpan Ttl, DateTimeOffset Expires)> _leases = [];
    private readonly List<WatchEvent> _history = [];
    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, Channel<WatchEvent> Channel)> _watchers = [];
    private long _revision;
    private long _nextLease = 1;

    public InMemoryClusterStore() : this(TimeProvider.System)
    {
    }

    /// <summary>Runs (once per call, outside the lock) before each transaction is evaluated.</summary>
    public Func<IReadOnlyList<TxnCompare>, IReadOnlyList<TxnOp>, Task>? BeforeTransact { get; set; }

    public int TransactionCount { get; private set; }

    public long Revision
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    /// <summary>Synchronous unconditional put, for seeding a test's starting state.</summary>
    public void Seed(string key, byte[] value)
    {
        lock (_gate)
        {
            _revision++;
            Apply(new TxnOp.Put(key, value));
        }
    }

    /// <summary>How many times <see cref="GetAsync"/> read <paramref name="key"/>.</summary>
    public int ReadCount(string key)
    {
        lock (_gate)
        {
            return _reads.GetValueOrDefault(key);
        }
    }

    public Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ExpireLeases();
            _reads[key] = _reads.GetValueOrDefault(key) + 1;
            return Task.FromResult(_entries.GetValueOrDefault(key));
        }
    }

    public Task<IReadOnlyList<StoreEntry>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ExpireLeases();
            IReadOnlyList<StoreEntry> list = [.. _entries.Values.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))];
            return Task.FromResult(list);
        }
    }

    public async Task<TxnResult> TransactAsync(IReadOnlyList<TxnCompare> compares, IReadOnlyList<TxnOp> ops, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (BeforeTransact is { } hook)
        {
            await hook(compares, ops);
        }
        lock (_gate)
        {
            TransactionCount++;
            ExpireLeases();
            foreach (var compare in compares)
            {
                var current = _entries.GetValueOrDefault(compare.Key)?.ModRevision ?? 0;
                if (current != compare.ModRevision)
                {
                    return new TxnResult(false, _revision);
                }
            }
            if (ops.Count == 0)
            {
                return new TxnResult(true, _revision);
            }
            foreach (var op in ops.OfType<TxnOp.Put>().Where(p => p.Lease != 0 && !_leases.ContainsKey(p.Lease)))
            {
                throw new InvalidOperationException($"requested lease {op.Lease} not found");
            }
            _revision++;
            foreach (var op in ops)
            {
                Apply(op);
            }
            return new TxnResult(true, _revision);
        }
    }

    public Task<long> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var id = _nextLease++;
            _leases[id] = (ttl, timeProvider.GetUtcNow() + ttl);
            return Task.FromResult(id);
        }
    }

    public Task<bool> KeepAliveAsync(long lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ExpireLeases();
            if (!_leases.TryGetValue(lease, out var state))
            {
                return Task.FromResult(false);
            }
            _leases[lease] = (state.Ttl, timeProvider.GetUtcNow() + state.Ttl);
            return Task.FromResult(true);
        }
    }

    public Task RevokeLeaseAsync(long lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            DropLease(lease);
            return Task.CompletedTask;
        }
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<WatchEvent>();
        lock (_gate)
        {
            if (afterRevision > 0)
            {
                foreach (var past in _history.Where(e => e.ModRevision > afterRevision && e.Key.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    channel.Writer.TryWrite(past);
                }
            }
            _watchers.Add((prefix, channel));
        }
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.RemoveAll(w => w.Channel == channel);
            }
        }
    }

    private void Apply(TxnOp op)
    {
        switch (op)
        {
            case TxnOp.Put put:
                var created = _entries.TryGetValue(put.Key, out var old) ? old.CreateRevision : _revision;
                _entries[put.Key] = new StoreEntry(put.Key, [.. put.Value], _revision, created, put.Lease);
                Publish(new WatchEvent(put.Key, [.. put.Value], _revision));
                break;
            case TxnOp.Delete delete:
                if (_entries.Remove(delete.Key))
                {
                    Publish(new WatchEvent(delete.Key, null, _revision));
                }
                break;
            case TxnOp.DeletePrefix deletePrefix:
                foreach (var key in _entries.Keys.Where(k => k.StartsWith(deletePrefix.Prefix, StringComparison.Ordinal)).ToList())
                {
                    _entries.Remove(key);
                    Publish(new WatchEvent(key, null, _revision));
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, "unknown op");
        }
    }

    private void Publish(WatchEvent change)
    {
        _history.Add(change);
        foreach (var (prefix, channel) in _watchers.Where(w => change.Key.StartsWith(w.Prefix, StringComparison.Ordinal)))
        {
            channel.Writer.TryWrite(change);
        }
    }

    private void ExpireLeases()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var lease in _leases.Where(l => l.Value.Expires <= now).Select(l => l.Key).ToList())
        {
            DropLease(lease);
        }
    }

    private void DropLease(long lease)
    {
        if (!_leases.Remove(lease))
        {
            return;
        }
        var keys = _entries.Values.Where(e => e.Lease == lease).Select(e => e.Key).ToList();
        if (keys.Count == 0)
        {
            return;
        }
        _revision++;
        foreach (var key in keys)
        {
            _entries.Remove(key);
            Publish(new WatchEvent(key, null, _revision));
        }
    }
}
