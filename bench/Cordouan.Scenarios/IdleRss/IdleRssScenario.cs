using Cordouan.Scenarios.Infrastructure;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;

namespace Cordouan.Scenarios.IdleRss;

/// <summary>Resident memory of cordouand and of its etcd child after the other scenarios and an idle pause.</summary>
public sealed class IdleRssScenario(BenchContext context)
{
    private const string Name = "idle-rss";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        var pid = context.Node.Pid ?? throw new InvalidOperationException("cordouand is not running");
        context.Progress($"idle for {context.Options.IdleBeforeRss.TotalSeconds:0} s before reading VmRSS");
        // Deliberate idle period (part of what is measured), not a wait for a condition.
        await Task.Delay(context.Options.IdleBeforeRss, cancellationToken);
        var daemon = ProcStatus.MegabytesOf(pid, "VmRSS") ?? throw new InvalidOperationException($"no VmRSS for cordouand {pid}");
        var etcdPid = ProcStatus.ChildrenNamed(pid, Programs.Etcd).FirstOrDefault();
        var results = new List<ScenarioResult>
        {
            new()
            {
                Scenario = Name,
                Metric = "cordouand VmRSS",
                Unit = "MB",
                Measured = Summary.Of([daemon]),
                Goal = Goal.ValueAtMost(150, RatioBasis.Median),
                Note = "after every scenario above, no VM running",
            },
        };
        if (etcdPid != 0 && ProcStatus.MegabytesOf(etcdPid, "VmRSS") is { } etcd)
        {
            results.Add(new ScenarioResult { Scenario = Name, Metric = "etcd (child) VmRSS", Unit = "MB", Measured = Summary.Of([etcd]) });
        }
        else
        {
            context.Progress($"no etcd child of cordouand {pid} found; etcd RSS not reported");
        }
        return results;
    }
}
