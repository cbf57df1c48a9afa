using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.Failover;

/// <summary>
/// Polls <c>GET /cluster/resources?type=vm</c> on one node until the VM's <c>node</c> (its owner in etcd) is the
/// awaited one. A request starts every interval whether or not the earlier ones answered, each bounded on its own:
/// one may hang while etcd elects a new leader, and waiting for it would hide the moment the owner changed.
/// </summary>
public sealed class OwnerProbe(FailoverBenchOptions options, PveHttp api)
{
    private string _lastSeen = "no answer yet";

    /// <summary>Polls until <paramref name="vmid"/> is owned by <paramref name="owner"/>; returns the arrival of the first answer saying so (<see cref="Stopwatch"/> ticks).</summary>
    public async Task<long> WaitForAsync(int vmid, string owner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var found = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        try
        {
            while (!found.Task.IsCompleted)
            {
                if (Stopwatch.GetElapsedTime(start) > timeout)
                {
                    throw new TimeoutException($"VM {vmid} not owned by {owner} within {timeout.TotalSeconds:0} s (last seen: {_lastSeen})");
                }
                var pollStart = Stopwatch.GetTimestamp();
                pending.RemoveAll(p => p.IsCompleted);
                pending.Add(PollAsync(vmid, owner, found, stop.Token));
                var next = options.OwnerPoll - Stopwatch.GetElapsedTime(pollStart);
                await Task.WhenAny(found.Task, Task.Delay(next > TimeSpan.Zero ? next : TimeSpan.Zero, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
            return await found.Task;
        }
        finally
        {
            // Requests still in flight are abandoned; each ends at once on cancellation and never throws.
            await stop.CancelAsync();
            await Task.WhenAll(pending);
        }
    }

    private async Task PollAsync(int vmid, string owner, TaskCompletionSource<long> found, CancellationToken cancellationToken)
    {
        using var request = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        request.CancelAfter(options.OwnerRequestTimeout);
        try
        {
            var answer = await api.GetAsync("/cluster/resources", request.Token, new() { ["type"] = "vm" });
            var at = Stopwatch.GetTimestamp();
            if (answer.Status != HttpStatusCode.OK)
            {
                _lastSeen = $"HTTP {(int)answer.Status} {answer.Reason}";
                return;
            }
            var node = (answer.Data as JsonArray)?.OfType<JsonNode>()
                .FirstOrDefault(r => r["vmid"]?.GetValue<int>() == vmid)?["node"]?.GetValue<string>();
            _lastSeen = node is null ? $"VM {vmid.ToString(CultureInfo.InvariantCulture)} not listed" : $"owner {node}";
            if (node == owner)
            {
                found.TrySetResult(at);
            }
        }
        catch (OperationCanceledException) when (request.IsCancellationRequested)
        {
            _lastSeen = cancellationToken.IsCancellationRequested ? _lastSeen : "request timed out";
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            _lastSeen = e.Message;
        }
    }
}
