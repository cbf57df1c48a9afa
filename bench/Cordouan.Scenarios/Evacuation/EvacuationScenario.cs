using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Cordouan.Scenarios.ClusterMembership;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Scenarios.LiveMigration;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.Evacuation;

/// <summary>
/// Issue 6, node maintenance: <see cref="VmCount"/> small running test guests (local qcow2 disks) on n1 of a two-node
/// cluster in network namespaces, evacuated to n2 by <c>POST /nodes/n1/maintenance</c> (one live migration after the
/// other, disks mirrored). Measures the <c>nodemaint</c> task from the POST to its end, and each VM's move as the task
/// logs it; checks every guest beats on n2 from where it was. No baseline: nothing else evacuates a node here.
/// </summary>
public sealed partial class EvacuationScenario(BenchContext context)
{
    private const string Name = "evacuate";
    private const string ClusterName = "benchevac";
    private const int VmCount = 10;
    private const int FirstVmId = 9100;
    private const int MemoryMiB = 128;
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(12);
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan EvacuationTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan TaskPoll = TimeSpan.FromMilliseconds(50);

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ScenarioTimeout);
        try
        {
            return await MeasureAsync(bound.Token);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"scenario {Name} not done within {ScenarioTimeout.TotalMinutes:0} min (its nodes, QEMUs and lab were removed)");
        }
    }

    private async Task<IReadOnlyList<ScenarioResult>> MeasureAsync(CancellationToken ct)
    {
        context.Progress("building a network lab with n1 and n2 in one cluster");
        await using var cluster = await BenchCluster.CreateAsync(context.Progress, ct);
        var (n1, _) = await cluster.StartNodeAsync("n1", ct);
        var (n2, _) = await cluster.StartNodeAsync("n2", ct);
        var password = n1.AdminPassword;
        using var viaN1 = await BenchCluster.AdminAsync(n1, password, ct);
        await TaskPoller.RunOkAsync(viaN1, HttpMethod.Post, "/cluster/config", new() { ["clustername"] = ClusterName }, TaskPoll, TaskTimeout, ct);
        await new JoinTimer(new ClusterBenchOptions(), n1, viaN1, password).JoinAsync(n2, ct);

        var vmids = Enumerable.Range(FirstVmId, VmCount).ToList();
        context.Progress($"creating and starting {VmCount} test guests ({MemoryMiB} MiB, local disk) on n1");
        foreach (var vmid in vmids)
        {
            await TaskPoller.RunOkAsRootAsync(viaN1, HttpMethod.Post, "/nodes/n1/qemu", new()
            {
                ["vmid"] = Id(vmid),
                ["name"] = $"evac{Id(vmid)}",
                ["memory"] = Id(MemoryMiB),
                ["cores"] = "1",
                ["scsi0"] = $"local:0,import-from={context.GuestImage}",
                ["net0"] = "virtio",
                ["serial0"] = "socket",
                ["boot"] = "order=scsi0",
                ["scsihw"] = "virtio-scsi-pci",
                ["start"] = "1",
            }, TaskPoll, TaskTimeout, ct);
        }
        var lastOnN1 = new Dictionary<int, int>();
        foreach (var vmid in vmids)
        {
            await using var console = await TimedConsole.ConnectAsync(n1.SerialSocket(vmid), BootTimeout, ct);
            lastOnN1[vmid] = (await console.WaitForHeartbeatAsync(0, BootTimeout, ct)).Heartbeat!.Value;
        }
        context.Progress($"all {VmCount} guests beat on n1; entering maintenance on n1");

        var start = Stopwatch.GetTimestamp();
        var upid = (await viaN1.PostAsync("/nodes/n1/maintenance", null, ct)).EnsureOk().Data!.GetValue<string>();
        var exit = await TaskPoller.WaitAsync(viaN1, upid, TaskPoll, EvacuationTimeout, ct);
        var wall = Stopwatch.GetElapsedTime(start);
        var log = await TaskLogAsync(viaN1, upid, ct);
        if (exit != "OK")
        {
            throw new InvalidOperationException($"evacuation task {upid} ended with '{exit}'; log: {string.Join(" | ", log.TakeLast(12))}");
        }
        var perVm = log.Select(l => MovedLine().Match(l)).Where(m => m.Success).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000).ToList();
        var continued = 0;
        foreach (var vmid in vmids)
        {
            await using var console = await TimedConsole.ConnectAsync(n2.SerialSocket(vmid), TimeSpan.FromSeconds(30), ct);
            await console.WaitForHeartbeatAsync(lastOnN1[vmid], TimeSpan.FromSeconds(60), ct);
            continued++;
        }
        var summary = log.LastOrDefault(l => l.StartsWith("evacuation finished", StringComparison.Ordinal)) ?? "(no summary line)";
        context.Progress(Invariant($"evacuation of {VmCount} running VMs: {wall.TotalMilliseconds:0} ms (POST → task stopped); {summary}; {continued}/{VmCount} guests beat on n2 from where they were"));
        (await viaN1.DeleteAsync("/nodes/n1/maintenance", ct)).EnsureOk();
        context.Progress("stopping n1 and n2 (and their guests) and removing the network lab");
        var setup = Invariant($"{VmCount} test guests ({MemoryMiB} MiB, TCG, 16 MB local qcow2 mirrored) on n1 → n2 over the lab bridge, one live migration at a time");
        return
        [
            new ScenarioResult
            {
                Scenario = Name,
                Metric = Invariant($"{VmCount} running VMs off n1 (maintenance enter): total"),
                Unit = "ms",
                Measured = Summary.Of([wall.TotalMilliseconds]),
                Note = $"POST /nodes/n1/maintenance → nodemaint task stopped (polled every {TaskPoll.TotalMilliseconds:0} ms); {summary}; {continued}/{VmCount} guests went on beating on n2; {setup}",
            },
            new ScenarioResult
            {
                Scenario = Name,
                Metric = "one VM's move within it (as the task logs it)",
                Unit = "ms",
                Measured = Summary.Of(perVm),
                Note = $"from the qmigrate request to its task's end, per VM; {setup}",
            },
        ];
    }

    private static async Task<IReadOnlyList<string>> TaskLogAsync(PveHttp api, string upid, CancellationToken cancellationToken)
    {
        var node = upid.Split(':')[1];
        var log = (await api.GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/log", cancellationToken, new() { ["limit"] = "10000" })).EnsureOk().Data!;
        return [.. log.AsArray().Select(l => l!["t"]!.GetValue<string>())];
    }

    [GeneratedRegex(@"^VM \d+ moved to \S+ in ([0-9.]+) s", RegexOptions.CultureInvariant)]
    private static partial Regex MovedLine();

    private static string Id(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
