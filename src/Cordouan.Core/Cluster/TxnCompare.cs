namespace Cordouan.Core.Cluster;

/// <summary>A guard of a transaction: the key's mod revision must equal <see cref="ModRevision"/> (0 = the key must not exist).</summary>
public sealed record TxnCompare(string Key, long ModRevision)
{
    public static TxnCompare Absent(string key) => new(key, 0);
}
