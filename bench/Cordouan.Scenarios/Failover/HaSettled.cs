using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.Failover;

/// <summary>
/// Waits on <c>GET /cluster/ha/status/current</c> until the HA stack is at rest before a power loss: quorate, an
/// elected manager holding its lease, every hypervisor's local manager alive (not <c>dead</c>), and the VM
/// <c>started</c> on its owner under that node's claim. Killing earlier would time a recovery that started late.
/// </summary>
public static class HaSettled
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static async Task WaitAsync(PveHttp api, int vmid, string owner, IReadOnlyList<string> hypervisors, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var sid = $"vm:{vmid}";
        var start = Stopwatch.GetTimestamp();
        var last = "no answer yet";
        while (true)
        {
            try
            {
                var answer = await api.GetAsync("/cluster/ha/status/current", cancellationToken);
                if (answer.Status == HttpStatusCode.OK && answer.Data is JsonArray items)
                {
                    last = Unsettled(items.OfType<JsonNode>().ToList(), sid, owner, hypervisors);
                    if (last is null)
                    {
                        return;
                    }
                }
                else
                {
                    last = $"HTTP {(int)answer.Status} {answer.Reason}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                last = e.Message;
            }
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"HA not settled with {sid} on {owner} within {timeout.TotalSeconds:0} s: {last}");
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>What is not at rest yet, or null.</summary>
    private static string? Unsettled(List<JsonNode> items, string sid, string owner, IReadOnlyList<string> hypervisors)
    {
        var quorum = items.FirstOrDefault(i => Text(i, "type") == "quorum");
        if (quorum?["quorate"]?.GetValue<int>() != 1)
        {
            return "not quorate";
        }
        if (items.FirstOrDefault(i => Text(i, "type") == "master") is not { } master || Text(master, "status")?.Contains("(active", StringComparison.Ordinal) != true)
        {
            return "no live HA manager";
        }
        foreach (var node in hypervisors)
        {
            var mode = items.FirstOrDefault(i => Text(i, "type") == "lrm" && Text(i, "node") == node) is { } lrm ? Text(lrm, "mode") : null;
            if (mode is null or "dead" or "restart")
            {
                return $"local manager of {node}: {mode ?? "not listed"}";
            }
        }
        var service = items.FirstOrDefault(i => Text(i, "type") == "service" && Text(i, "sid") == sid);
        return service is not null && Text(service, "node") == owner && Text(service, "state") == "started" && Text(service, "claimed_by") == owner
            ? null
            : $"{sid}: {(service is null ? "not listed" : $"{Text(service, "state")} on {Text(service, "node")}, claimed by {Text(service, "claimed_by") ?? "nobody"}")}";
    }

    private static string? Text(JsonNode item, string field) =>
        item[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
