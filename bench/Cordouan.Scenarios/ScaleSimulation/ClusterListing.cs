using System.Text.Json.Nodes;

namespace Cordouan.Scenarios.ScaleSimulation;

/// <summary>What one <c>GET /cluster/resources</c> lists: VMs, and nodes online.</summary>
public sealed record ClusterListing(int Vms, int NodesOnline)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static async Task<ClusterListing> ReadAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (_, body) = await context.Raw.GetAsync("/cluster/resources", cancellationToken);
        var items = JsonNode.Parse(body)!["data"]!.AsArray();
        return new ClusterListing(
            items.Count(i => (string?)i!["type"] == "qemu"),
            items.Count(i => (string?)i!["type"] == "node" && (string?)i["status"] == "online"));
    }

    /// <summary>Polls until cordouand lists at least <paramref name="vms"/> VMs and <paramref name="nodesOnline"/> nodes online; bounded by <paramref name="timeout"/>.</summary>
    public static async Task<ClusterListing> WaitForAsync(BenchContext context, int vms, int nodesOnline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var last = new ClusterListing(0, 0);
        try
        {
            while (true)
            {
                last = await ReadAsync(context, deadline.Token);
                if (last.Vms >= vms && last.NodesOnline >= nodesOnline)
                {
                    return last;
                }
                await Task.Delay(Poll, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"cordouand still lists {last.Vms} VMs and {last.NodesOnline} nodes online after {timeout.TotalSeconds:0} s (expected {vms} and {nodesOnline})");
        }
    }
}
