using Cordouan.Cluster.Etcd;

namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>The simulated nodes of one run, started a few at a time and stopped together.</summary>
public sealed class SimulatedCluster : IAsyncDisposable
{
    private readonly List<SimulatedNode> _nodes = [];

    private SimulatedCluster()
    {
    }

    public IReadOnlyList<SimulatedNode> Nodes => _nodes;

    /// <summary>Lease losses over every agent since the start.</summary>
    public int LeaseLosses => _nodes.Sum(n => n.LeaseLosses);

    /// <summary>Starts <paramref name="count"/> agents against <paramref name="etcd"/>; every one is alive when this returns.</summary>
    public static async Task<SimulatedCluster> StartAsync(
        BenchContext context, EtcdClientOptions etcd, int count, int parallelism, CancellationToken cancellationToken)
    {
        var cluster = new SimulatedCluster();
        try
        {
            for (var first = 1; first <= count; first += parallelism)
            {
                var wave = Enumerable.Range(first, Math.Min(parallelism, count - first + 1)).Select(i => new SimulatedNode(context, etcd, i)).ToList();
                cluster._nodes.AddRange(wave);
                await Task.WhenAll(wave.Select(n => n.StartAsync(cancellationToken)));
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops every agent: leases revoked, liveness keys and node documents deleted.</summary>
    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask()));
}
