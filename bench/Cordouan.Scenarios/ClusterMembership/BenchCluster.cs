using System.ComponentModel;
using System.Diagnostics;
using Cordouan.Testing.Daemon;
using Cordouan.Testing.Netns;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>
/// Real cordouand nodes, each in its own network namespace of one <see cref="NetnsLab"/> (10.213.&lt;lab&gt;.0/24, the
/// bench process at .254). Disposal stops every node, then removes the lab, whose disposal kills whatever is left
/// in its namespaces; it never throws, so it cannot hide the exception that ended the scenario.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly List<CordouandNode> _nodes = [];
    private readonly Action<string> _progress;

    private BenchCluster(NetnsLab lab, Action<string> progress)
    {
        Lab = lab;
        _progress = progress;
    }

    public NetnsLab Lab { get; }

    public static async Task<BenchCluster> CreateAsync(Action<string> progress, CancellationToken cancellationToken) =>
        new(await NetnsLab.CreateAsync(cancellationToken), progress);

    /// <summary>Starts a standalone node on a new lab host named <paramref name="name"/>; returns it and how long it took to answer <c>/version</c>.</summary>
    /// <param name="extraArguments">cordouand options beyond the lab's (e.g. <c>--witness</c>).</param>
    public async Task<(CordouandNode Node, TimeSpan Started)> StartNodeAsync(string name, CancellationToken cancellationToken, IReadOnlyList<string>? extraArguments = null)
    {
        var host = await Lab.AddHostAsync(name, cancellationToken);
        var node = new CordouandNode(host, extraArguments: extraArguments);
        _nodes.Add(node);
        var start = Stopwatch.GetTimestamp();
        await node.StartAsync(cancellationToken);
        return (node, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>A client of <paramref name="node"/> logged in as <c>admin@pve</c> with <paramref name="password"/>.</summary>
    public static async Task<PveHttp> AdminAsync(CordouandNode node, string password, CancellationToken cancellationToken)
    {
        var http = node.Anonymous();
        try
        {
            (await http.LoginAsync("admin@pve", password, cancellationToken)).EnsureOk();
            return http;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            try
            {
                await node.DisposeAsync();
            }
            catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException or Win32Exception)
            {
                // Cleanup boundary: the lab's disposal below still kills every process left in the namespace.
                _progress($"stopping {node.NodeName} failed ({e.Message}); the lab removal kills what is left");
            }
        }
        try
        {
            await Lab.DisposeAsync();
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or InvalidOperationException or IOException)
        {
            _progress($"removing network lab {Lab.Index} failed ({e.Message}); the next lab created sweeps it");
        }
    }
}
