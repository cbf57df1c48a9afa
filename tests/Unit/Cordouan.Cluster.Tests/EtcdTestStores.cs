using Cordouan.Cluster.Etcd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cordouan.Cluster.Tests;

/// <summary>Stores and key prefixes for tests against a real etcd.</summary>
internal static class EtcdTestStores
{
    public static EtcdClusterStore Create(string clientUrl, TimeSpan? requestTimeout = null) =>
        Create([clientUrl], requestTimeout);

    public static EtcdClusterStore Create(IReadOnlyList<string> endpoints, TimeSpan? requestTimeout = null) => new(
        new EtcdClientOptions { Endpoints = endpoints, RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(3), MaxRetryDelay = TimeSpan.FromMilliseconds(500) },
        TimeProvider.System,
        NullLogger<EtcdClusterStore>.Instance);

    /// <summary>A prefix no other test uses, so tests can share one etcd.</summary>
    public static string UniquePrefix() => $"/cordouan-test/{Guid.NewGuid():N}/";
}
