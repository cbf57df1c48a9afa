using System.Diagnostics;
using System.Net;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>
/// Polls one node's <c>GET /cluster/status</c> until its <c>quorate</c> flag has the awaited value. A request starts
/// every interval whether or not the earlier ones answered, each bounded on its own: a request may hang while etcd
/// discovers the loss, and waiting for it would hide the moment the node starts answering.
/// </summary>
public sealed class QuorumProbe(ClusterBenchOptions options, PveHttp api)
{
    private enum Outcome
    {
        Answered,
        TimedOut,
        Failed,
    }

    /// <summary>Polls until <c>quorate</c> is <paramref name="expected"/>; times count from <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) to the first answer with it.</summary>
    public async Task<QuorumTransition> WaitForAsync(bool expected, long since, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = new List<Task<(Outcome Outcome, bool? Quorate, long At)>>();
        int polls = 0, timedOut = 0, failed = 0;
        var nextPoll = TimeSpan.Zero;
        try
        {
            while (Stopwatch.GetElapsedTime(since) < options.QuorumTimeout)
            {
                var now = Stopwatch.GetElapsedTime(since);
                if (now >= nextPoll)
                {
                    pending.Add(PollAsync(stop.Token));
                    polls++;
                    // On cadence; after a stall, one poll now and the cadence from here (no burst of catch-up polls).
                    nextPoll = nextPoll + options.PollInterval > now ? nextPoll + options.PollInterval : now + options.PollInterval;
                }
                var tick = nextPoll - Stopwatch.GetElapsedTime(since);
                await Task.WhenAny([.. pending, Task.Delay(tick > TimeSpan.Zero ? tick : TimeSpan.Zero, cancellationToken)]);
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var poll in pending.Where(p => p.IsCompleted).ToList())
                {
                    pending.Remove(poll);
                    var (outcome, quorate, at) = await poll;
                    timedOut += outcome == Outcome.TimedOut ? 1 : 0;
                    failed += outcome == Outcome.Failed ? 1 : 0;
                    if (outcome == Outcome.Answered && quorate == expected)
                    {
                        return new QuorumTransition(Stopwatch.GetElapsedTime(since, at), true, polls, timedOut, failed);
                    }
                }
            }
            return new QuorumTransition(options.QuorumTimeout, false, polls, timedOut, failed);
        }
        finally
        {
            // Requests still in flight are abandoned; each ends at once on cancellation and never throws.
            await stop.CancelAsync();
            await Task.WhenAll(pending);
        }
    }

    private async Task<(Outcome Outcome, bool? Quorate, long At)> PollAsync(CancellationToken cancellationToken)
    {
        using var request = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        request.CancelAfter(options.QuorumRequestTimeout);
        try
        {
            var status = await api.GetAsync("/cluster/status", request.Token);
            var at = Stopwatch.GetTimestamp();
            return status.Status == HttpStatusCode.OK
                ? (Outcome.Answered, ClusterStatusReader.Quorate(status.Data), at)
                : (Outcome.Failed, null, at);
        }
        catch (OperationCanceledException) when (request.IsCancellationRequested)
        {
            return (Outcome.TimedOut, null, Stopwatch.GetTimestamp());
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (Outcome.Failed, null, Stopwatch.GetTimestamp());
        }
    }
}
