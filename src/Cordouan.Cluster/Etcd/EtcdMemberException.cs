using Cordouan.Core.Errors;

namespace Cordouan.Cluster.Etcd;

/// <summary>The local etcd member could not be started or stopped; the message says what failed and what to do.</summary>
public sealed class EtcdMemberException(string member, string what, string hint, Exception? inner = null)
    : CordouanException($"Failed to start etcd member '{member}': {what}. {hint}", inner)
{
    public string Member { get; } = member;
}
