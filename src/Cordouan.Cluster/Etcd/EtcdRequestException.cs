using Cordouan.Core.Errors;

namespace Cordouan.Cluster.Etcd;

/// <summary>etcd answered but refused the request (bad argument, unknown lease, space quota exceeded, …).</summary>
public sealed class EtcdRequestException(string endpoint, int grpcCode, string etcdMessage)
    : CordouanException($"etcd at {endpoint} refused the request: {etcdMessage}")
{
    /// <summary>gRPC status code (5 = not found, 3 = invalid argument, 8 = resource exhausted, …).</summary>
    public int GrpcCode { get; } = grpcCode;

    /// <summary>etcd's own message, e.g. "etcdserver: requested lease not found".</summary>
    public string EtcdMessage { get; } = etcdMessage;

    /// <summary>True when the request named a lease that does not exist (expired or revoked).</summary>
    public bool IsLeaseNotFound => GrpcCode == 5 && EtcdMessage.Contains("lease not found", StringComparison.Ordinal);
}
