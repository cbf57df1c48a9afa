using System.Diagnostics;
using System.Globalization;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.NetThroughput;

/// <summary>
/// Times network changes applied through the API: each one staged (<c>POST</c>/<c>PUT …/network[/iface]</c>, not
/// timed), then <c>PUT /nodes/{node}/network</c> → its task <c>stopped</c>/<c>OK</c> (timed). The first change
/// creates the bridge the VMs then use; the others change its address.
/// </summary>
public static class BridgeApplyTimer
{
    private static readonly TimeSpan TaskPoll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<double>> RunAsync(PveHttp api, string node, string bridge, int changes, CancellationToken cancellationToken)
    {
        var path = $"/nodes/{node}/network";
        var samples = new List<double>();
        for (var i = 0; i < changes; i++)
        {
            var cidr = string.Create(CultureInfo.InvariantCulture, $"10.99.{i}.1/24");
            var staged = i == 0
                ? await api.PostAsync(path, new() { ["iface"] = bridge, ["type"] = "bridge", ["cidr"] = cidr }, cancellationToken)
                : await api.PutAsync($"{path}/{bridge}", new() { ["type"] = "bridge", ["cidr"] = cidr }, cancellationToken);
            staged.EnsureOk();
            var start = Stopwatch.GetTimestamp();
            var upid = (await api.PutAsync(path, null, cancellationToken)).EnsureOk().Data!.GetValue<string>();
            var exit = await TaskPoller.WaitAsync(api, upid, TaskPoll, TaskTimeout, cancellationToken);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (exit != "OK")
            {
                throw new InvalidOperationException($"network apply {upid} (change {i + 1}, {bridge} {cidr}) ended with '{exit}'");
            }
        }
        return samples;
    }
}
