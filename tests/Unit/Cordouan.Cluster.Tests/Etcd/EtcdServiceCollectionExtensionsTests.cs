using Cordouan.Cluster.Etcd;
using Cordouan.Cluster.Locks;
using Cordouan.Core.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cordouan.Cluster.Tests.Etcd;

public sealed class EtcdServiceCollectionExtensionsTests
{
    [Fact]
    public void AddEtcdClusterStore_ValidOptions_ResolvesOneStoreAndLocks()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddEtcdClusterStore(new EtcdClientOptions { Endpoints = ["http://127.0.0.1:2379"] });
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<EtcdClusterStore>(), provider.GetRequiredService<IClusterStore>());
        Assert.NotNull(provider.GetRequiredService<ClusterLock>());
    }

    [Fact]
    public async Task AddEtcdMember_ValidOptions_RegistersTheMemberAsHostedService()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddEtcdMember(new EtcdMemberOptions { Name = "n1", DataDirectory = "/var/lib/cordouan/etcd" });
        await using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<EtcdMember>(), Assert.Single(provider.GetServices<IHostedService>()));
    }

    [Fact]
    public void AddEtcdClusterStore_InvalidOptions_ThrowsListingErrors()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            new ServiceCollection().AddEtcdClusterStore(new EtcdClientOptions { Endpoints = ["ftp://x"] }));

        Assert.Contains("ftp://x", error.Message);
    }
}
