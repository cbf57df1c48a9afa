namespace Cordouan.Core.Errors;

/// <summary>The cluster store cannot accept writes (no quorum or unreachable); reads may be stale.</summary>
public sealed class QuorumLostException(string reason, Exception? inner = null)
    : CordouanException($"cluster not quorate - {reason}", inner);
