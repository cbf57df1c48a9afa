using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Cordouan.Platform.Processes;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;
using Cordouan.Testing;

namespace Cordouan.Scenarios.Ceph;

/// <summary>
/// Issue 5 on one machine: a micro Ceph deployed through the API (3 OSDs on sparse loop devices, root), then on an rbd
/// pool of size 3: linked clones at the API against <c>rbd clone</c>, a full clone of a 1 GiB image (<c>--quick</c>:
/// 256 MiB) against <c>rbd deep cp</c>, <c>rbd bench</c> sequential writes, and the test guest's sequential write to an
/// rbd disk against <c>rbd bench</c> with the same I/O size. The daemons are killed and the devices detached at the end.
/// </summary>
public sealed partial class CephScenario(BenchContext context)
{
    private const string Name = "ceph";
    private const string Pool = "benchrbd";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private readonly ProcessRunner _runner = new();
    private readonly List<LoopDevice> _devices = [];

    private string Conf => context.Node.Data.Combine("ceph", "ceph.conf");

    private long ImageMiB => context.Options.CephImageMiB;

    private string NodePath(string rest) => $"/nodes/{context.NodeName}{rest}";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var results = new List<ScenarioResult> { await BringUpAsync(cancellationToken) };
            var source = context.NextVmId();
            await context.RunTaskAsync(HttpMethod.Post, NodePath("/qemu"), new()
            {
                ["vmid"] = source.ToString(CultureInfo.InvariantCulture),
                ["memory"] = "64",
                ["scsi0"] = string.Create(CultureInfo.InvariantCulture, $"{Pool}:{ImageMiB / 1024.0}"),
            }, cancellationToken);
            var image = $"{Pool}/vm-{source}-disk-0";
            results.Add(await FillAsync(image, cancellationToken));
            results.Add(await GuestWriteAsync(cancellationToken));
            results.Add(await FullCloneAsync(source, image, cancellationToken));
            await context.RunTaskAsync(HttpMethod.Post, context.VmPath(source, "/template"), null, cancellationToken);
            results.Add(await LinkedClonesAsync(source, cancellationToken));
            return results;
        }
        finally
        {
            await TearDownAsync();
        }
    }

    /// <summary><c>init</c> → one mon → three OSDs and a mgr at once → pool (with its storage) → HEALTH_OK, every PG active+clean.</summary>
    private async Task<ScenarioResult> BringUpAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 3; i++)
        {
            _devices.Add(await LoopDevice.CreateAsync(context.Scratch.Combine($"osd{i}.img"), 6L << 30, cancellationToken));
        }
        var started = Stopwatch.GetTimestamp();
        (await context.Api.PostAsync(NodePath("/ceph/init"), new() { ["network"] = "127.0.0.0/8", ["failure-domain"] = "osd" }, cancellationToken)).EnsureOk();
        await context.RunTaskAsync(HttpMethod.Post, NodePath("/ceph/mon"), new() { ["mon-address"] = $"127.0.0.1:{PortAllocator.Next()}" }, cancellationToken);
        // The bench's disk may be under 30 % free (MON_DISK_LOW): not what this measures.
        await CephAsync(["config", "set", "mon", "mon_data_avail_warn", "1"], cancellationToken);
        await Task.WhenAll(_devices.Select(d => context.RunTaskAsync(HttpMethod.Post, NodePath("/ceph/osd"), new() { ["dev"] = d.Path }, cancellationToken))
            .Append(context.RunTaskAsync(HttpMethod.Post, NodePath("/ceph/mgr"), null, cancellationToken)));
        await context.RunTaskAsync(HttpMethod.Post, NodePath("/ceph/pool"), new()
        {
            ["name"] = Pool,
            ["pg_num"] = "32",
            ["pg_autoscale_mode"] = "off",
            ["add_storages"] = "1",
        }, cancellationToken);
        await WaitForHealthOkAsync(cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        context.Progress(string.Create(CultureInfo.InvariantCulture, $"ceph: HEALTH_OK after {seconds:0.0} s"));
        return new ScenarioResult
        {
            Scenario = Name,
            Metric = "ceph init → HEALTH_OK (1 mon, 1 mgr, 3 OSDs, pool active+clean)",
            Unit = "s",
            Measured = Summary.Of([seconds]),
            Note = "through the API, OSDs on 6 GiB sparse loop devices; Ceph's own tools by hand: 27–29 s (shared/ceph/NOTES.md)",
        };
    }

    /// <summary>Writes the whole image once (so the copies below move real data) and reports that as rbd bench's sequential write rate.</summary>
    private async Task<ScenarioResult> FillAsync(string image, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await RbdAsync(["bench", "--io-type", "write", "--io-pattern", "seq", "--io-size", "4M", "--io-threads", "4", "--io-total", $"{ImageMiB}M", image], cancellationToken);
        var mibPerSecond = ImageMiB / Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new ScenarioResult
        {
            Scenario = Name,
            Metric = string.Create(CultureInfo.InvariantCulture, $"rbd bench seq write 4 MiB × 4 threads, {ImageMiB} MiB, pool size 3"),
            Unit = "MiB/s",
            Measured = Summary.Of([mibPerSecond]),
            Note = "the pool's write rate with parallel 4 MiB writes (process start included); the guest is compared below with 1 MiB × 1 thread",
        };
    }

    /// <summary><c>POST …/clone full=1</c> of the stopped VM (rbd cp) against <c>rbd deep cp</c> of the same image, twice each.</summary>
    private async Task<ScenarioResult> FullCloneAsync(int source, string image, CancellationToken cancellationToken)
    {
        var clones = new Samples();
        var copies = new Samples();
        for (var i = 0; i < 2; i++)
        {
            var target = context.NextVmId();
            var started = Stopwatch.GetTimestamp();
            await CloneAsync(source, target, full: true, TimeSpan.FromMinutes(10), cancellationToken);
            clones.Add(Stopwatch.GetElapsedTime(started));
            await context.RunTaskAsync(HttpMethod.Delete, context.VmPath(target), null, cancellationToken);

            var copy = $"{Pool}/bench-copy-{i}";
            started = Stopwatch.GetTimestamp();
            await RbdAsync(["deep", "cp", image, copy], cancellationToken);
            copies.Add(Stopwatch.GetElapsedTime(started));
            await RbdAsync(["rm", "--no-progress", copy], cancellationToken);
        }
        var ours = clones.Summarize();
        var theirs = copies.Summarize();
        return new ScenarioResult
        {
            Scenario = Name,
            Metric = string.Create(CultureInfo.InvariantCulture, $"POST clone (full) of a {ImageMiB} MiB rbd disk → task OK"),
            Unit = "ms",
            Measured = ours,
            Baseline = "rbd deep cp of the same image (run by the bench)",
            BaselineMeasured = theirs,
            Goal = Goal.RatioAtMost(1 / 0.9, RatioBasis.Median),
            Note = string.Create(CultureInfo.InvariantCulture,
                $"{ImageMiB / (ours.Median / 1000):0} MiB/s vs {ImageMiB / (theirs.Median / 1000):0} MiB/s (medians of 2); the issue's goal is a throughput ratio ≥ 0.9, i.e. a time ratio ≤ 1.11"),
        };
    }

    /// <summary>Sequential linked clones of the template at the API against <c>rbd clone</c> of its <c>__base__</c> snapshot.</summary>
    private async Task<ScenarioResult> LinkedClonesAsync(int template, CancellationToken cancellationToken)
    {
        var count = context.Options.Clones;
        await CloneAsync(template, context.NextVmId(), full: false, TimeSpan.FromMinutes(1), cancellationToken);
        var clones = new Samples();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await CloneAsync(template, context.NextVmId(), full: false, TimeSpan.FromMinutes(1), cancellationToken);
            clones.Add(Stopwatch.GetElapsedTime(started));
        }
        var direct = new Samples();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await RbdAsync(["clone", $"{Pool}/base-{template}-disk-0@__base__", $"{Pool}/bench-linked-{i}"], cancellationToken);
            direct.Add(Stopwatch.GetElapsedTime(started));
        }
        return new ScenarioResult
        {
            Scenario = Name,
            Metric = "POST clone (linked) of an rbd template → task OK",
            Unit = "ms",
            Measured = clones.Summarize(),
            Baseline = "rbd clone of base@__base__ (process start included)",
            BaselineMeasured = direct.Summarize(),
            Goal = Goal.ValueAtMost(200, RatioBasis.P95),
            Note = string.Create(CultureInfo.InvariantCulture, $"{count} sequential, one untimed first; task status polled every {Poll.TotalMilliseconds:0} ms; each clone runs two rbd commands (info, clone)"),
        };
    }

    private async Task CloneAsync(int source, int target, bool full, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var upid = (await context.Api.PostAsync(context.VmPath(source, "/clone"), new()
        {
            ["newid"] = target.ToString(CultureInfo.InvariantCulture),
            ["full"] = full ? "1" : "0",
        }, cancellationToken)).EnsureOk().Data!.GetValue<string>();
        var exit = await Infrastructure.TaskPoller.WaitAsync(context.Api, upid, Poll, timeout, cancellationToken);
        if (exit != "OK")
        {
            throw new InvalidOperationException($"clone {source} → {target}: task {upid} ended with '{exit}'");
        }
    }

    private async Task WaitForHealthOkAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp();
        JsonNode? last = null;
        while (Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromMinutes(3))
        {
            var response = await context.Api.GetAsync(NodePath("/ceph/status"), cancellationToken);
            last = response.Data;
            if (response.Status == HttpStatusCode.OK && last is not null && IsHealthyAndClean(last))
            {
                return;
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException($"Ceph not HEALTH_OK with all PGs active+clean after 3 min; last: {last?.ToJsonString()}");
    }

    private static bool IsHealthyAndClean(JsonNode status)
    {
        var pgmap = status["pgmap"];
        var total = pgmap?["num_pgs"]?.GetValue<int>() ?? 0;
        var clean = pgmap?["pgs_by_state"]?.AsArray().Where(s => s!["state_name"]!.GetValue<string>() == "active+clean").Sum(s => s!["count"]!.GetValue<int>()) ?? 0;
        return status["health"]?["status"]?.GetValue<string>() == "HEALTH_OK" && total > 0 && clean == total;
    }

    private Task<ProcessResult> CephAsync(string[] arguments, CancellationToken cancellationToken) =>
        _runner.RunCheckedAsync(["ceph", "-c", Conf, "--connect-timeout", "15", .. arguments], cancellationToken);

    private Task<ProcessResult> RbdAsync(string[] arguments, CancellationToken cancellationToken) =>
        _runner.RunCheckedAsync(["rbd", "--conf", Conf, .. arguments], cancellationToken);
}
