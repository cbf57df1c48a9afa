using System.Diagnostics;
using System.Runtime.InteropServices;
using Cordouan.Platform.Processes;
using Cordouan.Scenarios.Ceph;
using Cordouan.Scenarios.ClusterMembership;
using Cordouan.Scenarios.ClusterResources;
using Cordouan.Scenarios.Evacuation;
using Cordouan.Scenarios.Failover;
using Cordouan.Scenarios.IdleRss;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Scenarios.LinkedClone;
using Cordouan.Scenarios.LiveMigration;
using Cordouan.Scenarios.NetThroughput;
using Cordouan.Scenarios.Reporting;
using Cordouan.Scenarios.ScaleSimulation;
using Cordouan.Scenarios.StartOverhead;
using Cordouan.Scenarios.WebUi;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios;

/// <summary>Runs every scenario in order against one cordouand node; a failed scenario is reported and the next one runs.</summary>
public sealed class BenchRunner(BenchOptions options)
{
    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var start = Stopwatch.GetTimestamp();
        var environment = await DescribeEnvironmentAsync(cancellationToken);
        var results = new List<ScenarioResult>();
        var failures = new List<string>();
        await using (var context = await BenchContext.StartAsync(options, cancellationToken))
        {
            // InQuick: part of a --quick run without being named in --only (the scale simulation, the cluster lab and the migrations take ~2.5 min each, the failover rounds ~5).
            var scenarios = new (string Name, bool InQuick, Func<CancellationToken, Task<IReadOnlyList<ScenarioResult>>> Run)[]
            {
                ("start", true, new StartOverheadScenario(context).RunAsync),
                ("clone", true, new LinkedCloneScenario(context).RunAsync),
                ("resources", true, new ClusterResourcesScenario(context).RunAsync),
                ("idle-rss", true, new IdleRssScenario(context).RunAsync),
                ("scale", false, new ScaleSimulationScenario(context).RunAsync),
                ("cluster", false, new ClusterMembershipScenario(context).RunAsync),
                ("migrate", false, new LiveMigrationScenario(context).RunAsync),
                ("evacuate", false, new EvacuationScenario(context).RunAsync),
                ("failover", false, new FailoverScenario(context).RunAsync),
                ("failover-rbd", false, new FailoverScenario(context, onRbd: true).RunAsync),
                ("ceph", false, new CephScenario(context).RunAsync),
                ("ui", false, new WebUiScenario(context).RunAsync),
                ("net", false, new NetThroughputScenario(context).RunAsync),
            };
            var selected = scenarios.Where(s => options.Only.Count == 0 ? s.InQuick || !options.Quick : options.Only.Contains(s.Name));
            foreach (var (name, _, run) in selected)
            {
                context.Progress($"scenario {name}");
                try
                {
                    results.AddRange(await run(cancellationToken));
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The run's deadline (or Ctrl+C): keep what the earlier scenarios measured and stop here.
                    failures.Add($"{name}: cancelled (deadline {options.Deadline.TotalMinutes:0} min or Ctrl+C)");
                    break;
                }
                catch (PartialResultsException e)
                {
                    // Part of the scenario failed, what it measured (e.g. its baseline) is still reported.
                    results.AddRange(e.Results);
                    failures.Add($"{name}: {e.Message}");
                    context.Progress($"scenario {name} FAILED: {e.Message}");
                }
                catch (Exception e)
                {
                    // Scenario boundary: report and go on, so one broken scenario does not hide the others' figures.
                    failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
                    context.Progress($"scenario {name} FAILED: {e}");
                }
            }
            context.Progress("stopping cordouand");
        }
        return new BenchReport
        {
            StartedAt = startedAt,
            Quick = options.Quick,
            TotalSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds,
            Environment = environment,
            Results = results,
            Failures = failures,
        };
    }

    private static async Task<Dictionary<string, string>> DescribeEnvironmentAsync(CancellationToken cancellationToken)
    {
        var qemu = await new ProcessRunner().RunCheckedAsync([Programs.Require(Programs.Qemu), "--version"], cancellationToken);
        return new Dictionary<string, string>
        {
            ["processors"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["os"] = RuntimeInformation.OSDescription,
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["qemu"] = qemu.StandardOutput.Split('\n')[0].Trim(),
            ["cordouand"] = RepoPaths.Cordouand,
            ["accelerator"] = "tcg",
        };
    }
}
