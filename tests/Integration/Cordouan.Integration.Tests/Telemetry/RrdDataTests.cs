using System.Text.Json.Nodes;
using Xunit;

namespace Cordouan.Integration.Tests.Telemetry;

/// <summary>Proxmox's <c>rrddata</c> for the node, a VM and a storage: Proxmox's number of points and resolution per timeframe, the last point sampled.</summary>
public sealed class RrdDataTests(TelemetryNode fixture) : IClassFixture<TelemetryNode>
{
    private static readonly (string Timeframe, int Resolution, int Points)[] Windows =
    [
        ("hour", 60, 60), ("day", 60, 1440), ("week", 1800, 336), ("month", 1800, 1440), ("year", 21600, 1440),
    ];

    private string NodeName => fixture.Node.NodeName;

    [Fact]
    public async Task RrdData_EveryTimeframe_PointsAtProxmoxResolutionEndingWithASample()
    {
        var ct = TestContext.Current.CancellationToken;
        var vm = Fixtures.Vms.Path(NodeName, TelemetryNode.VmId, "/rrddata");
        // The collector samples every 10 s: wait for the VM's first sample, taken after its creation.
        await WaitForLastPointAsync(vm, "maxmem", ct);

        foreach (var (timeframe, resolution, points) in Windows)
        {
            var node = await PointsAsync($"/nodes/{NodeName}/rrddata", timeframe, ct);
            AssertWindow(node, timeframe, resolution, points);
            Assert.True(node[^1]!["memtotal"]!.GetValue<double>() > 0, $"node {timeframe}: {node[^1]!.ToJsonString()}");
            Assert.InRange(node[^1]!["cpu"]?.GetValue<double>() ?? 0, 0, 1);

            var vmPoints = await PointsAsync(vm, timeframe, ct);
            AssertWindow(vmPoints, timeframe, resolution, points);
            Assert.Equal(TelemetryNode.VmMemory, vmPoints[^1]!["maxmem"]!.GetValue<double>());
            Assert.Equal(0, vmPoints[^1]!["cpu"]!.GetValue<double>());

            var storage = await PointsAsync($"/nodes/{NodeName}/storage/local/rrddata", timeframe, ct);
            AssertWindow(storage, timeframe, resolution, points);
            Assert.True(storage[^1]!["total"]!.GetValue<double>() >= storage[^1]!["used"]!.GetValue<double>());
            Assert.True(storage[^1]!["total"]!.GetValue<double>() > 0);
        }
        var decade = await PointsAsync($"/nodes/{NodeName}/rrddata", "decade", ct);
        AssertWindow(decade, "decade", 604800, 570);
    }

    [Fact]
    public async Task RrdData_MaxAndBadTimeframe_MaxServedAndBadValueRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var max = (await fixture.Admin.GetAsync($"/nodes/{NodeName}/rrddata", ct, new() { ["timeframe"] = "hour", ["cf"] = "MAX" })).EnsureOk().Data!.AsArray();
        Assert.InRange(max.Count, 59, 60);
        var bad = await fixture.Admin.GetAsync($"/nodes/{NodeName}/rrddata", ct, new() { ["timeframe"] = "fortnight" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Error("timeframe"));
        var decadeForVm = await fixture.Admin.GetAsync(Fixtures.Vms.Path(NodeName, TelemetryNode.VmId, "/rrddata"), ct, new() { ["timeframe"] = "decade" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, decadeForVm.Status);
    }

    private async Task<JsonArray> PointsAsync(string path, string timeframe, CancellationToken ct) =>
        (await fixture.Admin.GetAsync(path, ct, new() { ["timeframe"] = timeframe })).EnsureOk().Data!.AsArray();

    private async Task WaitForLastPointAsync(string path, string field, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        JsonArray points = [];
        while (!deadline.IsCancellationRequested)
        {
            points = await PointsAsync(path, "hour", ct);
            if (points.Count > 0 && points[^1]![field] is not null)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
        Assert.Fail($"no '{field}' in the last point of {path} within 60 s; last seen {points.LastOrDefault()?.ToJsonString()}");
    }

    private static void AssertWindow(JsonArray points, string timeframe, int resolution, int expected)
    {
        // A window ends with the interval still open; only an empty newest point would be left out (as Proxmox does).
        Assert.InRange(points.Count, expected - 1, expected);
        var times = points.Select(p => p!["time"]!.GetValue<long>()).ToList();
        Assert.All(times, t => Assert.Equal(0, t % resolution));
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(resolution, pair.Second - pair.First));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.True(now - times[^1] < 2 * resolution, $"{timeframe}: last point at {times[^1]}, now {now}");
    }
}
