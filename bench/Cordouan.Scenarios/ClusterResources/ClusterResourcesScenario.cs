using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;

namespace Cordouan.Scenarios.ClusterResources;

/// <summary>
/// <c>GET /cluster/resources</c> (and <c>?type=vm</c>) with many defined VMs, sequential requests on one connection,
/// against <c>GET /version</c> interleaved with them in the same loop.
/// </summary>
public sealed class ClusterResourcesScenario(BenchContext context)
{
    private const string Name = "resources";
    private const int WarmUpGets = 20;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        await new VmFleet(context).DefineAsync(context.Options.DefinedVms, context.Options.CreateParallelism, cancellationToken);
        var (_, body) = await context.Raw.GetAsync("/cluster/resources?type=vm", cancellationToken);
        var vmItems = JsonNode.Parse(body)!["data"]!.AsArray().Count;
        context.Progress($"{vmItems} VMs listed; timing {context.Options.ResourcesGets} GETs of each path");

        for (var i = 0; i < WarmUpGets; i++)
        {
            await context.Raw.GetAsync("/cluster/resources", cancellationToken);
            await context.Raw.GetAsync("/cluster/resources?type=vm", cancellationToken);
            await context.Raw.GetAsync("/version", cancellationToken);
        }
        var all = new Samples();
        var typed = new Samples();
        var version = new Samples();
        var allBytes = 0;
        var loop = Stopwatch.GetTimestamp();
        for (var i = 0; i < context.Options.ResourcesGets && Stopwatch.GetElapsedTime(loop) < context.Options.ResourcesBudget; i++)
        {
            version.Add((await context.Raw.GetAsync("/version", cancellationToken)).Elapsed);
            var (elapsed, allBody) = await context.Raw.GetAsync("/cluster/resources", cancellationToken);
            all.Add(elapsed);
            allBytes = allBody.Length;
            if (i % 100 == 99)
            {
                context.Progress(string.Create(CultureInfo.InvariantCulture, $"{i + 1} GETs, last /cluster/resources {elapsed.TotalMilliseconds:0.0} ms"));
            }
            if (i < context.Options.TypedResourcesGets)
            {
                typed.Add((await context.Raw.GetAsync("/cluster/resources?type=vm", cancellationToken)).Elapsed);
            }
        }
        var baseline = version.Summarize();
        var note = string.Create(CultureInfo.InvariantCulture, $"{vmItems} VM items, {allBytes / 1024.0:0} KiB body; client reads bytes, no parsing");
        if (all.Values.Count < context.Options.ResourcesGets)
        {
            note += string.Create(CultureInfo.InvariantCulture,
                $"; loop stopped by its {context.Options.ResourcesBudget.TotalSeconds:0} s budget after {all.Values.Count} of {context.Options.ResourcesGets} GETs");
        }
        return
        [
            Result("GET /cluster/resources", all.Summarize(), baseline, note),
            Result("GET /cluster/resources?type=vm", typed.Summarize(), baseline, note),
        ];
    }

    private static ScenarioResult Result(string metric, Summary measured, Summary baseline, string note) => new()
    {
        Scenario = Name,
        Metric = metric,
        Unit = "ms",
        Measured = measured,
        Baseline = "GET /version, interleaved in the same loop",
        BaselineMeasured = baseline,
        RatioBasis = RatioBasis.P99,
        Goal = Goal.ValueAtMost(20, RatioBasis.P99),
        Note = note,
    };
}
