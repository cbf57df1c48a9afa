using Cordouan.Node.Ceph;

namespace Cordouan.Api.Metrics;

/// <summary>
/// Ceph's health for <c>/metrics</c>, asked at most once a minute and for at most 5 s: null when Ceph is not set up or
/// does not answer (a scrape must stay cheap).
/// </summary>
public sealed class CephHealthCache(CephService ceph, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, int? Health)? _cached;

    public void Dispose() => _gate.Dispose();

    public async Task<int?> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } cached && time.GetUtcNow() - cached.At < KeepFor)
            {
                return cached.Health;
            }
            int? health = null;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
            try
            {
                var status = await ceph.Cluster.StatusAsync(deadline.Token);
                health = status["health"]?["status"]?.GetValue<string>() switch
                {
                    "HEALTH_OK" => 0,
                    "HEALTH_WARN" => 1,
                    "HEALTH_ERR" => 2,
                    _ => null,
                };
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Not set up, or no quorum: no Ceph series rather than a failed scrape.
            }
            _cached = (time.GetUtcNow(), health);
            return health;
        }
        finally
        {
            _gate.Release();
        }
    }
}
