using Cordouan.Cluster.Etcd;
using Cordouan.Core.Cluster;
using Cordouan.Testing;

namespace Cordouan.Cluster.Tests.Etcd;

/// <summary>The shared <see cref="IClusterStore"/> suite against a real etcd.</summary>
[Trait("Requires", "etcd")]
public sealed class EtcdClusterStoreConformanceTests(EtcdFixture etcd) : ClusterStoreConformanceTests, IDisposable
{
    private EtcdClusterStore? _store;

    protected override IClusterStore Store
    {
        get
        {
            Requirements.Etcd();
            return _store ??= EtcdTestStores.Create(etcd.ClientUrl);
        }
    }

    public void Dispose() => _store?.Dispose();
}
