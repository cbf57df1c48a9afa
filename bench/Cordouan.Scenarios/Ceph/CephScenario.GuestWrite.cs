using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;
using Cordouan.Testing;

namespace Cordouan.Scenarios.Ceph;

public sealed partial class CephScenario
{
    private const int WarmUpMiB = 8;

    /// <summary>
    /// The test guest writes sequentially to a second disk on the pool (<c>DISK-WRITE</c>: 1 MiB O_DIRECT blocks, queue
    /// depth 1, then fsync) against <c>rbd bench</c> on a fresh image of the same pool with the same I/O size, one
    /// thread and the same total. Each side first writes 8 MiB untimed (the guest's pattern file, both connections).
    /// The guest then writes the same to a third disk, a local qcow2 file: its own ceiling under TCG, for the note.
    /// </summary>
    private async Task<ScenarioResult> GuestWriteAsync(CancellationToken cancellationToken)
    {
        var total = context.Options.GuestWriteMiB;
        var vmid = context.NextVmId();
        await context.RunTaskAsync(HttpMethod.Post, NodePath("/qemu"), new()
        {
            ["vmid"] = vmid.ToString(CultureInfo.InvariantCulture),
            ["name"] = $"bench{vmid}",
            ["memory"] = "160",
            ["cores"] = "1",
            ["scsi0"] = $"local:0,import-from={context.Node.ImportVolume(context.GuestImage)}",
            ["scsi1"] = string.Create(CultureInfo.InvariantCulture, $"{Pool}:{total / 1024.0}"),
            ["scsi2"] = string.Create(CultureInfo.InvariantCulture, $"local:{total / 1024.0}"),
            ["serial0"] = "socket",
            ["boot"] = "order=scsi0",
            ["scsihw"] = "virtio-scsi-pci",
        }, cancellationToken);
        await context.RunTaskAsync(HttpMethod.Post, context.VmPath(vmid, "/status/start"), null, cancellationToken);
        GuestDiskWrite guest;
        GuestDiskWrite local;
        TimeSpan hostSide;
        await using (var console = await SerialConsole.ConnectAsync(context.Node.SerialSocket(vmid), TimeSpan.FromSeconds(10), cancellationToken))
        {
            await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), TimeSpan.FromMinutes(2), cancellationToken);
            var disk = new GuestDisk(console);
            await disk.WriteAsync("scsi1", WarmUpMiB, TimeSpan.FromMinutes(1), cancellationToken);
            var started = Stopwatch.GetTimestamp();
            guest = await disk.WriteAsync("scsi1", total, TimeSpan.FromMinutes(5), cancellationToken);
            hostSide = Stopwatch.GetElapsedTime(started);
            await disk.WriteAsync("scsi2", WarmUpMiB, TimeSpan.FromMinutes(1), cancellationToken);
            local = await disk.WriteAsync("scsi2", total, TimeSpan.FromMinutes(5), cancellationToken);
        }
        await context.RunTaskAsync(HttpMethod.Post, context.VmPath(vmid, "/status/stop"), null, cancellationToken);
        await context.RunTaskAsync(HttpMethod.Delete, context.VmPath(vmid), null, cancellationToken);
        var guestMiBs = guest.MebibytesPerSecond;
        context.Progress(string.Create(CultureInfo.InvariantCulture,
            $"ceph: guest wrote {guest.Bytes >> 20} MiB in {guest.Elapsed.TotalSeconds:0.00} s by its clock ({guestMiBs:0.0} MiB/s), {hostSide.TotalSeconds:0.00} s from the host; to a local qcow2 disk {local.MebibytesPerSecond:0.0} MiB/s"));

        var image = $"{Pool}/bench-write";
        await RbdAsync(["create", "--size", $"{total}M", image], cancellationToken);
        await RbdAsync(["bench", "--io-type", "write", "--io-pattern", "seq", "--io-size", "1M", "--io-threads", "1", "--io-total", $"{WarmUpMiB}M", image], cancellationToken);
        var bench = await RbdAsync(["bench", "--io-type", "write", "--io-pattern", "seq", "--io-size", "1M", "--io-threads", "1", "--io-total", $"{total}M", image], cancellationToken);
        await RbdAsync(["rm", "--no-progress", image], cancellationToken);
        // "elapsed: 3  ops: 256  ops/sec: 72.37  bytes/sec: 72 MiB/s": with 1 MiB ops, ops/sec is MiB/s (rbd's own clock, no process start).
        var rbdMiBs = double.Parse(OpsPerSecond().Match(bench.StandardOutput).Groups[1].Value, CultureInfo.InvariantCulture);
        context.Progress(string.Create(CultureInfo.InvariantCulture, $"ceph: rbd bench 1 MiB × 1 thread {rbdMiBs:0.0} MiB/s"));
        return new ScenarioResult
        {
            Scenario = Name,
            Metric = string.Create(CultureInfo.InvariantCulture, $"guest seq write {total} MiB to an rbd disk (dd 1 MiB O_DIRECT + fsync), pool size 3"),
            Unit = "MiB/s",
            Measured = Summary.Of([guestMiBs]),
            Baseline = "rbd bench --io-type write --io-pattern seq --io-size 1M --io-threads 1, same total, same pool",
            BaselineMeasured = Summary.Of([rbdMiBs]),
            Note = string.Create(CultureInfo.InvariantCulture,
                $"one run each; guest time by its own clock (/proc/uptime, 10 ms steps), {total / hostSide.TotalSeconds:0.0} MiB/s by the host's from command to answer; the same guest writing to a local qcow2 disk: {local.MebibytesPerSecond:0.0} MiB/s (its own ceiling under TCG, 1 vCPU)"),
        };
    }

    [GeneratedRegex(@"ops/sec:\s*([0-9.]+)")]
    private static partial Regex OpsPerSecond();
}
