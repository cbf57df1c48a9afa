using System.Diagnostics;
using System.Globalization;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;
using Cordouan.Testing;

namespace Cordouan.Scenarios.StartOverhead;

/// <summary>
/// Start overhead: from sending <c>POST …/status/start</c> to the guest's first <c>HB</c> line on its serial console,
/// against a bare QEMU run by the bench with the very argv cordouand used (run-dir paths and disk file rewritten),
/// which keeps <c>-S</c> and is resumed with a minimal QMP exchange (capabilities, <c>cont</c>), as cordouand does.
/// Each boot, on either side, uses its own fresh copy of the disk.
/// </summary>
public sealed class StartOverheadScenario(BenchContext context)
{
    private const string Name = "start";
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        await WarmUpAsync(cancellationToken);
        var cordouand = new Phases();
        var bare = new Phases();
        for (var run = 0; run < context.Options.StartRuns; run++)
        {
            var vmid = context.NextVmId();
            await context.CreateGuestAsync(vmid, cancellationToken);
            var disk = context.FindVolumeFile($"vm-{vmid}-disk-0");
            var runDirectory = context.Scratch.Combine($"start-{run}");
            Directory.CreateDirectory(runDirectory);
            var diskCopy = Path.Combine(runDirectory, Path.GetFileName(disk));
            File.Copy(disk, diskCopy);

            var argv = await BootThroughApiAsync(vmid, cordouand, cancellationToken);
            context.Progress($"start run {run + 1}: cordouand {cordouand.Heartbeat.Values.Last():0} ms to first heartbeat");
            var bareArgv = QemuArgv.Rewrite(argv, Path.GetDirectoryName(context.Node.SerialSocket(vmid))!, runDirectory, disk, diskCopy);
            await BootBareAsync(bareArgv, runDirectory, bare, cancellationToken);
            context.Progress($"start run {run + 1}: bare QEMU {bare.Heartbeat.Values.Last():0} ms to first heartbeat");
        }
        return
        [
            new ScenarioResult
            {
                Scenario = Name,
                Metric = "POST start → first guest HB",
                Unit = "ms",
                Measured = cordouand.Heartbeat.Summarize(),
                Baseline = "bare qemu-system-x86_64, same argv (-S kept, QMP cont), TCG, fresh disk copy",
                BaselineMeasured = bare.Heartbeat.Summarize(),
                Goal = Goal.RatioAtMost(1.10, RatioBasis.Median),
                Note = "one untimed start/stop through the API first, to warm the daemon",
            },
            new ScenarioResult
            {
                Scenario = Name,
                Metric = "POST start → serial socket accepts",
                Unit = "ms",
                Measured = cordouand.Console.Summarize(),
                Baseline = "bare QEMU launched → serial socket accepts (after its QMP handshake)",
                BaselineMeasured = bare.Console.Summarize(),
                Note = "breakdown only: where the start overhead is spent before the guest runs (connect retried every 100 ms)",
            },
        ];
    }

    /// <summary>One start and stop through the API (no guest wait), so the first timed start pays no first-call costs.</summary>
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var vmid = context.NextVmId();
        await context.CreateGuestAsync(vmid, cancellationToken);
        await context.RunTaskAsync(HttpMethod.Post, context.VmPath(vmid, "/status/start"), null, cancellationToken);
        await context.RunTaskAsync(HttpMethod.Post, context.VmPath(vmid, "/status/stop"), null, cancellationToken);
    }

    /// <summary>Times start → first heartbeat through the API; returns the argv of the QEMU cordouand started, then stops the VM.</summary>
    private async Task<IReadOnlyList<string>> BootThroughApiAsync(int vmid, Phases samples, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var upid = (await context.Api.PostAsync(context.VmPath(vmid, "/status/start"), null, cancellationToken)).EnsureOk().Data!.GetValue<string>();
        await using (var serial = await SerialConsole.ConnectAsync(context.Node.SerialSocket(vmid), ConnectTimeout, cancellationToken))
        {
            samples.Console.Add(Stopwatch.GetElapsedTime(start));
            await WaitForFirstHeartbeatAsync(serial, cancellationToken);
            samples.Heartbeat.Add(Stopwatch.GetElapsedTime(start));
        }
        var exit = await TaskPoller.WaitAsync(context.Api, upid, TimeSpan.FromMilliseconds(50), BootTimeout, cancellationToken);
        if (exit != "OK")
        {
            throw new InvalidOperationException($"start task {upid} ended with '{exit}'");
        }
        var pidFile = Path.Combine(Path.GetDirectoryName(context.Node.SerialSocket(vmid))!, "qemu.pid");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        var argv = ProcStatus.CommandLine(pid);
        await context.RunTaskAsync(HttpMethod.Post, context.VmPath(vmid, "/status/stop"), null, cancellationToken);
        return argv;
    }

    /// <summary>Times launch → QMP cont → first heartbeat of a bare QEMU, then quits it.</summary>
    private static async Task BootBareAsync(IReadOnlyList<string> argv, string runDirectory, Phases samples, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await using var qemu = await BareQemu.LaunchAsync(argv, runDirectory, cancellationToken);
        await using var qmp = await TinyQmp.ConnectAsync(Path.Combine(runDirectory, "qmp.sock"), cancellationToken);
        await using (var serial = await SerialConsole.ConnectAsync(Path.Combine(runDirectory, "serial0.sock"), ConnectTimeout, cancellationToken))
        {
            samples.Console.Add(Stopwatch.GetElapsedTime(start));
            await qmp.ExecuteAsync("cont", cancellationToken);
            await WaitForFirstHeartbeatAsync(serial, cancellationToken);
            samples.Heartbeat.Add(Stopwatch.GetElapsedTime(start));
        }
        await BareQemu.QuitAsync(qmp, cancellationToken);
    }

    /// <summary>Waits for the first <c>HB</c> and checks the boot banner came before it, i.e. we did not connect too late.</summary>
    private static async Task WaitForFirstHeartbeatAsync(SerialConsole serial, CancellationToken cancellationToken)
    {
        await serial.WaitForHeartbeatAsync(-1, BootTimeout, cancellationToken);
        if (!serial.Lines.TakeWhile(l => SerialConsole.ParseHeartbeat(l) is null).Any(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"serial console {serial.SocketPath}: connected after the guest's boot banner; the first HB seen is not the first sent");
        }
    }

    /// <summary>The two instants timed per boot, from the start request (or launch).</summary>
    private sealed class Phases
    {
        public Samples Console { get; } = new();

        public Samples Heartbeat { get; } = new();
    }
}
