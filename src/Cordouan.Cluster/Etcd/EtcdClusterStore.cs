using Cordouan.Cluster.Etcd.Wire;
using Cordouan.Core.Cluster;
using Microsoft.Extensions.Logging;

namespace Cordouan.Cluster.Etcd;

/// <summary>
/// <see cref="IClusterStore"/> over etcd's v3 JSON gateway. Reads are linearizable; a compare on revision 0 means
/// "key absent" (etcd create_revision == 0); a member without a leader or out of reach yields QuorumLostException
/// within <see cref="EtcdClientOptions.RequestTimeout"/>, after failing over to the other endpoints.
/// </summary>
public sealed partial class EtcdClusterStore : IClusterStore, IDisposable
{
    private static readonly EtcdJsonContext Json = EtcdJsonContext.Default;

    private readonly EtcdTransport _transport;
    private readonly EtcdClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EtcdClusterStore> _logger;

    public EtcdClusterStore(EtcdClientOptions options, TimeProvider timeProvider, ILogger<EtcdClusterStore> logger)
    {
        var errors = EtcdClientOptionsValidator.Check(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid etcd client options: " + string.Join("; ", errors), nameof(options));
        }
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _transport = new EtcdTransport(options, timeProvider, logger);
    }

    /// <summary>
    /// Set while this node has no quorum: reads are then answered by the local member from its own copy (serializable,
    /// possibly stale) instead of failing, and writes fail at once.
    /// </summary>
    internal string? NoQuorumReason { get; set; }

    public async Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var stale = NoQuorumReason is not null;
        var request = new RangeRequest { Key = EtcdKeys.Encode(key), Serializable = stale ? true : null };
        var response = await _transport.PostAsync("v3/kv/range", request, Json.RangeRequest, Json.RangeResponse, EtcdCallKind.Idempotent, cancellationToken, requireLeader: !stale);
        return response.Kvs is [var kv, ..] ? ToEntry(kv) : null;
    }

    public async Task<IReadOnlyList<StoreEntry>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        // etcd returns a range sorted by key (byte order), which is ordinal order for UTF-8 keys.
        var stale = NoQuorumReason is not null;
        var request = new RangeRequest { Key = EtcdKeys.Encode(prefix), RangeEnd = EtcdKeys.PrefixEnd(prefix), Serializable = stale ? true : null };
        var response = await _transport.PostAsync("v3/kv/range", request, Json.RangeRequest, Json.RangeResponse, EtcdCallKind.Idempotent, cancellationToken, requireLeader: !stale);
        return response.Kvs is null ? [] : [.. response.Kvs.Select(ToEntry)];
    }

    public async Task<TxnResult> TransactAsync(IReadOnlyList<TxnCompare> compares, IReadOnlyList<TxnOp> ops, CancellationToken cancellationToken)
    {
        if (NoQuorumReason is { } reason)
        {
            throw new Core.Errors.QuorumLostException(reason);
        }
        var request = new TxnRequest { Compare = [.. compares.Select(ToCompare)], Success = [.. ops.Select(ToRequestOp)] };
        var response = await _transport.PostAsync("v3/kv/txn", request, Json.TxnRequest, Json.TxnResponse, EtcdCallKind.Write, cancellationToken);
        return new TxnResult(response.Succeeded, response.Header?.Revision ?? 0);
    }

    public async Task<long> GrantLeaseAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        // etcd counts whole seconds; rounding up never makes the lease shorter than asked.
        var request = new LeaseRequest { Ttl = (long)Math.Ceiling(ttl.TotalSeconds) };
        var response = await _transport.PostAsync("v3/lease/grant", request, Json.LeaseRequest, Json.LeaseResponse, EtcdCallKind.Write, cancellationToken);
        if (!string.IsNullOrEmpty(response.Error) || response.Id == 0)
        {
            throw new EtcdRequestException(_transport.PreferredEndpoint, 2, $"lease grant failed: {response.Error}");
        }
        Log.LeaseGranted(_logger, response.Id, response.Ttl);
        return response.Id;
    }

    public async Task<bool> KeepAliveAsync(long lease, CancellationToken cancellationToken)
    {
        var request = new LeaseRequest { Id = lease };
        var message = await _transport.PostAsync("v3/lease/keepalive", request, Json.LeaseRequest, Json.StreamMessageLeaseResponse, EtcdCallKind.Idempotent, cancellationToken);
        if (message.Error is { } error)
        {
            throw new EtcdRequestException(_transport.PreferredEndpoint, error.GrpcCode, error.Message ?? "keep-alive failed");
        }
        return message.Result is { Ttl: > 0 };
    }

    public async Task RevokeLeaseAsync(long lease, CancellationToken cancellationToken)
    {
        try
        {
            await _transport.PostAsync("v3/lease/revoke", new LeaseRequest { Id = lease }, Json.LeaseRequest, Json.LeaseResponse, EtcdCallKind.Idempotent, cancellationToken);
        }
        catch (EtcdRequestException e) when (e.IsLeaseNotFound)
        {
            // Already expired or revoked: the contract says that is fine.
        }
    }

    /// <summary>Status of the member currently in use (version, leader, revision).</summary>
    public async Task<EtcdStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var response = await _transport.PostAsync("v3/maintenance/status", new StatusRequest(), Json.StatusRequest, Json.StatusResponse, EtcdCallKind.Idempotent, cancellationToken, requireLeader: false);
        return new EtcdStatus(
            response.Version ?? "", response.Header?.MemberId ?? 0, response.Leader,
            response.Header?.Revision ?? 0, response.RaftTerm, response.DbSize);
    }

    public void Dispose() => _transport.Dispose();

    private static StoreEntry ToEntry(KeyValue kv) =>
        new(EtcdKeys.Decode(kv.Key), kv.Value ?? [], kv.ModRevision, kv.CreateRevision, kv.Lease);

    private static Compare ToCompare(TxnCompare compare) => compare.ModRevision == 0
        ? new Compare { Key = EtcdKeys.Encode(compare.Key), Target = "CREATE", CreateRevision = 0 }
        : new Compare { Key = EtcdKeys.Encode(compare.Key), Target = "MOD", ModRevision = compare.ModRevision };

    private static RequestOp ToRequestOp(TxnOp op) => op switch
    {
        TxnOp.Put put => new RequestOp
        {
            RequestPut = new PutRequest { Key = EtcdKeys.Encode(put.Key), Value = put.Value, Lease = put.Lease == 0 ? null : put.Lease },
        },
        TxnOp.Delete delete => new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = EtcdKeys.Encode(delete.Key) } },
        TxnOp.DeletePrefix prefix => new RequestOp
        {
            RequestDeleteRange = new DeleteRangeRequest { Key = EtcdKeys.Encode(prefix.Prefix), RangeEnd = EtcdKeys.PrefixEnd(prefix.Prefix) },
        },
        _ => throw new ArgumentException($"unknown txn op {op.GetType().Name}", nameof(op)),
    };
}
