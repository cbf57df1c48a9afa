namespace Cordouan.Core.Cluster;

/// <summary>Outcome of a transaction. A lost compare is an expected result, not an exception.</summary>
public sealed record TxnResult(bool Succeeded, long Revision);
