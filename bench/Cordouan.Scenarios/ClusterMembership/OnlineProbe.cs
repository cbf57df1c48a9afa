using System.Diagnostics;
using System.Net;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>Polls the founding node's <c>GET /cluster/status</c> on a fixed cadence until a node is listed <c>online</c>.</summary>
public sealed class OnlineProbe(TimeSpan interval, TimeSpan requestTimeout, PveHttp founderApi)
{
    /// <summary>Time from <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) to the answer listing <paramref name="node"/> online; throws after <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan> WaitAsync(string node, long since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var last = "no answer yet";
        while (Stopwatch.GetElapsedTime(since) < timeout)
        {
            var pollStart = Stopwatch.GetTimestamp();
            using var request = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            request.CancelAfter(requestTimeout);
            try
            {
                var status = await founderApi.GetAsync("/cluster/status", request.Token);
                if (status.Status == HttpStatusCode.OK && ClusterStatusReader.IsOnline(status.Data, node))
                {
                    return Stopwatch.GetElapsedTime(since);
                }
                last = status.Status == HttpStatusCode.OK ? $"{node} not online" : $"status {(int)status.Status}";
            }
            catch (OperationCanceledException) when (request.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                last = $"no answer within {requestTimeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Pacing.NextAsync(interval, pollStart, cancellationToken);
        }
        throw new TimeoutException($"the founding node did not list {node} online within {timeout.TotalSeconds:0} s ({last})");
    }
}
