using System.Diagnostics;
using System.Globalization;

namespace Cordouan.Scenarios.ClusterResources;

/// <summary>Defines many small VMs (memory only, no disks) through the API, a few requests in flight at a time.</summary>
public sealed class VmFleet(BenchContext context)
{
    public async Task DefineAsync(int count, int parallelism, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var remaining = count;
        var workers = Enumerable.Range(0, parallelism).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var vmid = context.NextVmId();
                await context.RunTaskAsync(HttpMethod.Post, $"/nodes/{context.NodeName}/qemu", new()
                {
                    ["vmid"] = vmid.ToString(CultureInfo.InvariantCulture),
                    ["memory"] = "64",
                }, cancellationToken);
            }
        });
        await Task.WhenAll(workers);
        context.Progress(string.Create(CultureInfo.InvariantCulture,
            $"defined {count} VMs in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s ({parallelism} in parallel)"));
    }
}
