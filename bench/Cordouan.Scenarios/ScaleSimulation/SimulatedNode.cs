using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cordouan.Cluster.Etcd;
using Cordouan.Cluster.Leases;
using Cordouan.Core.Cluster;
using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Node;

namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>
/// A lightweight node agent: writes its node document and keeps <c>alive/&lt;node&gt;</c> bound to an etcd lease as
/// cordouand's NodeLivenessService does (TTL 5 s, a keep-alive every TTL/3 by <see cref="LeaseKeeper"/>, re-acquired
/// 1 s after a loss). Each agent has its own etcd client, so its own connections, as a separate machine would.
/// </summary>
public sealed class SimulatedNode : IAsyncDisposable
{
    /// <summary>The liveness lease TTL of src/Cordouan.Daemon/Startup/NodeLivenessService.cs (private there).</summary>
    public static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly BenchContext _context;
    private readonly EtcdClusterStore _store;
    private readonly int _index;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstLease = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;
    private int _leaseLosses;

    /// <param name="index">1-based; names the node <c>sim001</c>… and gives it node id index + 1 (the real node is 1).</param>
    public SimulatedNode(BenchContext context, EtcdClientOptions etcd, int index)
    {
        _context = context;
        _index = index;
        Name = string.Create(CultureInfo.InvariantCulture, $"sim{index:000}");
        _store = new EtcdClusterStore(etcd, TimeProvider.System, new ProgressLogger<EtcdClusterStore>(context));
    }

    public string Name { get; }

    /// <summary>Leases lost (and re-acquired) since the start; 0 when etcd keeps up with every keep-alive.</summary>
    public int LeaseLosses => Volatile.Read(ref _leaseLosses);

    /// <summary>Writes the node document, then returns once the first lease and liveness key are in place.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var document = new NodeDocument
        {
            Name = Name,
            // Never contacted; kept inside 127.0.0.0/8 so nothing could leave the machine if something tried.
            Address = string.Create(CultureInfo.InvariantCulture, $"127.0.1.{_index}"),
            NodeId = _index + 1,
            SslFingerprint = FingerprintOf(Name),
        };
        await _store.PutAsync(ClusterKeys.Node(Name), JsonSerializer.SerializeToUtf8Bytes(document, StateJsonContext.Default.NodeDocument), cancellationToken);
        _loop = KeepAliveAsync(_stop.Token);
        await _firstLease.Task.WaitAsync(StartTimeout, cancellationToken);
    }

    /// <summary>Revokes the lease (the liveness key goes with it) and deletes the node document.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _store.DeleteAsync(ClusterKeys.Node(Name), timeout.Token);
        }
        catch (Exception e) when (e is CordouanException or OperationCanceledException)
        {
            _context.Progress($"{Name}: could not delete its node document: {e.Message}");
        }
        _store.Dispose();
        _stop.Dispose();
    }

    /// <summary>The loop of NodeLivenessService: acquire, wait until lost or stopped, pause, acquire again.</summary>
    private async Task KeepAliveAsync(CancellationToken stoppingToken)
    {
        // The same document the daemon binds to its lease.
        var alive = Encoding.UTF8.GetBytes(new JsonObject { ["node"] = Name }.ToJsonString());
        var logger = new ProgressLogger<SimulatedNode>(_context);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await NodeLease.AcquireAsync(_store, new NodeName(Name), alive, LeaseTtl, TimeProvider.System, logger, stoppingToken);
                _firstLease.TrySetResult();
                using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                await Task.Delay(Timeout.InfiniteTimeSpan, lost.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!stoppingToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _leaseLosses);
                    _context.Progress($"{Name}: liveness lease lost ({lease.LostReason}); re-acquiring");
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (CordouanException e)
            {
                // Agent loop boundary: the first failure fails the start; later ones are reported and retried.
                if (!_firstLease.TrySetException(e))
                {
                    _context.Progress($"{Name}: cannot acquire its liveness lease: {e.Message}");
                }
            }
            await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>A stable SHA-256-shaped fingerprint (AA:BB:…), the size of a real node's certificate fingerprint.</summary>
    private static string FingerprintOf(string name)
    {
        var hex = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        return string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));
    }
}
