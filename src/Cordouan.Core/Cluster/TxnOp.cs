namespace Cordouan.Core.Cluster;

/// <summary>A write inside a transaction: a put (optionally bound to a lease), a delete of one key, or a delete of a prefix.</summary>
public abstract record TxnOp(string Key)
{
    public sealed record Put(string Key, byte[] Value, long Lease = 0) : TxnOp(Key);

    public sealed record Delete(string Key) : TxnOp(Key);

    public sealed record DeletePrefix(string Prefix) : TxnOp(Prefix);
}
