using System.Diagnostics;
using System.Globalization;
using Cordouan.Core.Errors;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Scenarios.LiveMigration;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.Failover;

/// <summary>
/// Issue 7, HA failover: one HA VM (the test guest, disk on a <c>dir</c> storage marked shared on a common directory,
/// or, as <c>failover-rbd</c>, on an <c>rbd</c> storage of a micro Ceph cluster the lab's nodes reach, so that the
/// VM is storage-fenced) in a cluster of two hypervisors and a witness, in network namespaces. Each round cuts the power of the node running
/// it (every process of its namespace SIGKILLed) and times, from the kill, the VM's new owner in etcd, its QEMU on the
/// other node and the guest's first heartbeat there, split with the <c>hafailover</c> task's own figures into detect,
/// fence, recover, restart and boot; then the killed node comes back and the next round kills the other one. The
/// baseline, in the same run and lab, is a plain start of the same VM through the API (no HA) to its first heartbeat.
/// Everything is removed at the end, lab included, even on failure.
/// </summary>
public sealed partial class FailoverScenario(BenchContext context, bool onRbd = false)
{
    private const string ClusterName = "benchha";
    private const string SharedStorage = "benchhashared";
    private const int VmId = 9200;
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(13);
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan TaskPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private string Name => onRbd ? "failover-rbd" : "failover";

    private FailoverBenchOptions Options => new() { Rounds = context.Options.FailoverRounds, BaselineStarts = context.Options.StartRuns };

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
        var options = Options;
        context.Progress("building a network lab with n1, n2 and a witness w in one cluster");
        await using var pair = await WitnessedPair.CreateAsync(ClusterName, context.Progress, ct);
        var n1 = pair["n1"];
        var viaN1 = pair.Api(n1);
        await using var ceph = onRbd ? Cordouan.Testing.Ceph.MicroCephCluster.ListeningOn(pair.TestAddress) : null;
        if (ceph is not null)
        {
            context.Progress($"starting a micro Ceph cluster on {pair.TestAddress} (the lab's nodes reach it) and an rbd storage on it");
            await ceph.InitializeAsync();
            (await viaN1.PostAsync("/storage", new()
            {
                ["storage"] = SharedStorage,
                ["type"] = "rbd",
                ["pool"] = await ceph.TakePoolAsync(ct),
                ["monhost"] = ceph.MonHost,
                ["keyring"] = ceph.AdminKeyring,
            }, ct)).EnsureOk();
        }
        else
        {
            var sharedPath = context.Scratch.Combine("failover-shared");
            Directory.CreateDirectory(sharedPath);
            (await viaN1.PostAsync("/storage", new()
            {
                ["storage"] = SharedStorage,
                ["type"] = "dir",
                ["path"] = sharedPath,
                ["content"] = "images",
                ["shared"] = "1",
            }, ct)).EnsureOk();
        }
        await TaskPoller.RunOkAsRootAsync(viaN1, HttpMethod.Post, "/nodes/n1/qemu", new()
        {
            ["vmid"] = Id(VmId),
            ["name"] = "failover",
            ["memory"] = "160",
            ["cores"] = "1",
            ["scsi0"] = $"{SharedStorage}:0,import-from={context.GuestImage}",
            ["net0"] = "virtio",
            ["serial0"] = "socket",
            ["boot"] = "order=scsi0",
            ["scsihw"] = "virtio-scsi-pci",
        }, TaskPoll, TaskTimeout, ct);

        context.Progress($"baseline: {options.BaselineStarts} plain start(s) of VM {VmId} on n1 through the API, no HA (after one untimed start/stop)");
        var baseline = await PlainStartsAsync(viaN1, n1, options, ct);

        context.Progress($"making VM {VmId} an HA resource (started): n1's local manager starts it");
        (await viaN1.PostAsync("/cluster/ha/resources", new()
        {
            ["sid"] = $"vm:{Id(VmId)}",
            ["state"] = "started",
            ["max_restart"] = "1",
            ["max_relocate"] = "1",
        }, ct)).EnsureOk();
        var samples = new List<FailoverSample>();
        string? failure = null;
        var console = await TimedConsole.ConnectAsync(n1.SerialSocket(VmId), options.BootTimeout, ct);
        try
        {
            await GuestBeats.FirstAsync(console, options.BootTimeout, ct);
            await HaSettled.WaitAsync(viaN1, VmId, n1.NodeName, [.. pair.Hypervisors.Select(n => n.NodeName)], options.RejoinTimeout, ct);
            var victim = n1;
            var round = new PowerLossRound(options, pair, VmId, context.Progress);
            for (var i = 1; i <= options.Rounds; i++)
            {
                try
                {
                    var (sample, next) = await round.RunAsync(i, victim, console, ct);
                    await console.DisposeAsync();
                    console = next;
                    samples.Add(sample);
                    victim = pair[sample.Survivor];
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException or IOException or ExternalCommandException)
                {
                    // Keep the rounds measured so far: they are reported with the failure.
                    failure = $"round {i}: {e.Message}";
                    context.Progress($"failover {failure}");
                    break;
                }
            }
        }
        finally
        {
            await console.DisposeAsync();
        }
        var run = new FailoverRun(options, samples, baseline);
        if (samples.Count > 0)
        {
            PrintHeadline(run);
        }
        context.Progress("stopping n1, n2 and w (and the VM) and removing the network lab");
        var results = Results(run);
        return failure is null ? results : throw new PartialResultsException(failure, results);
    }

    /// <summary>POST start → first heartbeat of the VM on <paramref name="node"/>, stopped after each; one untimed start/stop first.</summary>
    private async Task<Summary> PlainStartsAsync(PveHttp api, CordouandNode node, FailoverBenchOptions options, CancellationToken ct)
    {
        var path = $"/nodes/{node.NodeName}/qemu/{Id(VmId)}/status";
        await TaskPoller.RunOkAsync(api, HttpMethod.Post, path + "/start", null, TaskPoll, TaskTimeout, ct);
        await TaskPoller.RunOkAsync(api, HttpMethod.Post, path + "/stop", null, TaskPoll, TaskTimeout, ct);
        var samples = new Samples();
        for (var i = 1; i <= options.BaselineStarts; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var upid = (await api.PostAsync(path + "/start", null, ct)).EnsureOk().Data!.GetValue<string>();
            await using (var console = await TimedConsole.ConnectAsync(node.SerialSocket(VmId), ConnectTimeout, ct))
            {
                var first = await GuestBeats.FirstAsync(console, options.BootTimeout, ct);
                samples.Add(Stopwatch.GetElapsedTime(start, first.Timestamp));
            }
            var exit = await TaskPoller.WaitAsync(api, upid, TaskPoll, TaskTimeout, ct);
            if (exit != "OK")
            {
                throw new InvalidOperationException($"start task {upid} ended with '{exit}'");
            }
            context.Progress(string.Create(CultureInfo.InvariantCulture, $"plain start {i}: {samples.Values.Last() / 1000:0.00} s to the first HB"));
            await TaskPoller.RunOkAsync(api, HttpMethod.Post, path + "/stop", null, TaskPoll, TaskTimeout, ct);
        }
        return samples.Summarize();
    }

    private static string Id(int value) => value.ToString(CultureInfo.InvariantCulture);
}
