using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Cordouan.Core.Cluster;

namespace Cordouan.Node.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IClusterStore"/> with what a watch-fed reader and a compare-and-swap writer need: one
/// revision bumped by every write, ordered prefix listing, transactions of compares, puts and deletes (an empty one
/// reads the revision), and watches from a revision. No leases.
/// </summary>
internal sealed class WatchableStore : IClusterStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, StoreEntry> _entries = new(StringComparer.Ordinal);
    private readonly List<WatchEvent> _history = [];
    private readonly List<(string Prefix, Channel<WatchEvent> Channel)> _watchers = [];
    private long _revision;

    public void Put(string key, byte[] value)
    {
        lock (_gate)
        {
            _revision++;
            _entries[key] = new StoreEntry(key, value, _revision, _revision, 0);
            Publish(new WatchEvent(key, value, _revision));
        }
    }

    public void Delete(string key)
    {
        lock (_gate)
        {
            if (_entries.Remove(key))
            {
                _revision++;
                Publish(new WatchEvent(key, null, _revision));
            }
        }
    }

    public Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.GetValueOrDefault(key));
        }
    }

    public Task<IReadOnlyList<StoreEntry>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<StoreEntry> list = [.. _entries.Values.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))];
            return Task.FromResult(list);
        }
    }

    /// <summary>Compares on mod revision (0 = absent), then puts and single-key deletes, all or nothing, under one new revision.</summary>
    public Task<TxnResult> TransactAsync(IReadOnlyList<TxnCompare> compares, IReadOnlyList<TxnOp> ops, CancellationToken cancellationToken)
    {
        if (ops.Any(op => op is TxnOp.DeletePrefix || op is TxnOp.Put { Lease: not 0 }))
        {
            throw new NotSupportedException("prefix deletes and leases are not faked");
        }
        lock (_gate)
        {
            if (compares.Any(c => (_entries.GetValueOrDefault(c.Key)?.ModRevision ?? 0) != c.ModRevision))
            {
                return Task.FromResult(new TxnResult(false, _revision));
            }
            if (ops.Count == 0)
            {
                return Task.FromResult(new TxnResult(true, _revision));
            }
            _revision++;
            foreach (var op in ops)
            {
                if (op is TxnOp.Put put)
                {
                    _entries[put.Key] = new StoreEntry(put.Key, [.. put.Value], _revision, _revision, 0);
                    Publish(new WatchEvent(put.Key, [.. put.Value], _revision));
                }
                else if (_entries.Remove(op.Key))
                {
                    Publish(new WatchEvent(op.Key, null, _revision));
                }
            }
            return Task.FromResult(new TxnResult(true, _revision));
        }
    }

    public Task<long> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> KeepAliveAsync(long lease, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RevokeLeaseAsync(long lease, CancellationToken cancellationToken) => throw new NotSupportedException();

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<WatchEvent>();
        lock (_gate)
        {
            foreach (var past in _history.Where(e => e.ModRevision > afterRevision && e.Key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                channel.Writer.TryWrite(past);
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

    private void Publish(WatchEvent change)
    {
        _history.Add(change);
        foreach (var (_, channel) in _watchers.Where(w => change.Key.StartsWith(w.Prefix, StringComparison.Ordinal)))
        {
            channel.Writer.TryWrite(change);
        }
    }
}
