using Xunit;

namespace Cordouan.Integration.Tests.Cluster;

/// <summary>Three nodes n1, n2, n3 in one cluster ("lab3"), formed once for the tests of the "cluster3" collection.</summary>
public sealed class ThreeNodeCluster : IAsyncLifetime
{
    public ClusterLab Lab { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        Lab = await ClusterLab.CreateAsync(timeout.Token);
        foreach (var name in new[] { "n1", "n2", "n3" })
        {
            await Lab.StartNodeAsync(name, timeout.Token);
        }
        await Lab.CreateClusterAsync("lab3", timeout.Token);
        await Lab.JoinAsync(Lab["n2"], Lab["n1"], timeout.Token);
        await Lab.JoinAsync(Lab["n3"], Lab["n2"], timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Lab is not null)
        {
            await Lab.DisposeAsync();
        }
    }
}

[CollectionDefinition("cluster3")]
public sealed class ThreeNodeClusterCollection : ICollectionFixture<ThreeNodeCluster>;
