using System.Diagnostics;
using System.Text.Json.Nodes;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.Failover;

/// <summary>
/// The <c>hafailover</c> task the cluster manager runs for a fenced node (its id is that node): its figures, from the
/// moment the manager saw the node's lease gone, are <c>fence_wait_ms</c> (until recovery starts) and
/// <c>recovery_ms</c> (until every VM's ownership moved).
/// </summary>
public sealed record FailoverTask(string Upid, double FenceWaitMs, double RecoveryMs)
{
    private const string Type = "hafailover";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>The UPIDs of the <c>hafailover</c> tasks listed now (so the next one can be told apart).</summary>
    public static async Task<IReadOnlySet<string>> ListAsync(PveHttp api, CancellationToken cancellationToken) =>
        (await TasksAsync(api, cancellationToken)).Select(t => t["upid"]!.GetValue<string>()).ToHashSet();

    /// <summary>Waits (bounded) for a new <c>hafailover</c> task of <paramref name="fencedNode"/> to end; throws unless it ended OK with both figures.</summary>
    public static async Task<FailoverTask> WaitForNewAsync(PveHttp api, IReadOnlySet<string> known, string fencedNode, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var task = (await TasksAsync(api, cancellationToken)).FirstOrDefault(t =>
                !known.Contains(t["upid"]!.GetValue<string>()) && t["id"]?.GetValue<string>() == fencedNode && t["status"]?.GetValue<string>() != "RUNNING");
            if (task is not null)
            {
                return await ReadAsync(api, task["upid"]!.GetValue<string>(), cancellationToken);
            }
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"no finished {Type} task for node {fencedNode} listed within {timeout.TotalSeconds:0} s");
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static async Task<FailoverTask> ReadAsync(PveHttp api, string upid, CancellationToken cancellationToken)
    {
        var node = upid.Split(':')[1];
        var status = (await api.GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/status", cancellationToken)).EnsureOk().Data!;
        var exit = status["exitstatus"]?.GetValue<string>();
        if (exit != "OK")
        {
            throw new InvalidOperationException($"{Type} task {upid} ended with '{exit}'");
        }
        var results = status["results"] ?? throw new InvalidOperationException($"{Type} task {upid} has no results");
        return new FailoverTask(upid, Figure(results, "fence_wait_ms", upid), Figure(results, "recovery_ms", upid));
    }

    private static double Figure(JsonNode results, string name, string upid) =>
        results[name]?.GetValue<double>() ?? throw new InvalidOperationException($"{Type} task {upid} has no '{name}' result");

    private static async Task<IReadOnlyList<JsonNode>> TasksAsync(PveHttp api, CancellationToken cancellationToken) =>
        [.. (await api.GetAsync("/cluster/tasks", cancellationToken)).EnsureOk().Data!.AsArray().OfType<JsonNode>().Where(t => t["type"]?.GetValue<string>() == Type)];
}
