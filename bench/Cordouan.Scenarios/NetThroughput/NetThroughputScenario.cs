using System.Globalization;
using Cordouan.Scenarios.ClusterMembership;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;
using Cordouan.Scenarios.StartOverhead;
using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Cordouan.Testing.Netns;

namespace Cordouan.Scenarios.NetThroughput;

/// <summary>
/// Issue 9: guest-to-guest TCP throughput over a bridge made through the API (a node in a lab namespace, two test
/// guests with <c>net0: virtio,bridge=…</c>) against the same two QEMU argvs wired by hand (a bridge and two taps
/// made with <c>ip</c> in another lab namespace); and the time to apply a network change (request → task OK).
/// </summary>
public sealed class NetThroughputScenario(BenchContext context)
{
    private const string Name = "net";
    private const string Bridge = "vmbr1";
    private const string BareBridge = "benchbr0";
    private const int ApplyChanges = 5;
    private const int StreamSeconds = 10;
    private const int MemoryMiB = 256;
    private const int FirstPort = 5001;
    private static readonly int[] VmIds = [9301, 9302];
    private static readonly string[] Cidrs = ["10.98.0.1/24", "10.98.0.2/24"];
    private const string ReceiverAddress = "10.98.0.2";
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(12);
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromMinutes(2);
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
            throw new TimeoutException($"scenario {Name} not done within {ScenarioTimeout.TotalMinutes:0} min (its node, QEMUs and lab were removed)");
        }
    }

    private async Task<IReadOnlyList<ScenarioResult>> MeasureAsync(CancellationToken ct)
    {
        var rounds = context.Options.NetRounds;
        context.Progress("building a network lab with node n1");
        await using var cluster = await BenchCluster.CreateAsync(context.Progress, ct);
        var (n1, _) = await cluster.StartNodeAsync("n1", ct);
        using var api = await BenchCluster.AdminAsync(n1, n1.AdminPassword, ct);

        var apply = await BridgeApplyTimer.RunAsync(api, n1.NodeName, Bridge, ApplyChanges, ct);
        context.Progress(Invariant($"network apply (request → task OK): {string.Join(", ", apply.Select(ms => ms.ToString("0", CultureInfo.InvariantCulture)))} ms"));

        context.Progress($"starting VMs {VmIds[0]} and {VmIds[1]} on {Bridge} through the API");
        await Task.WhenAll(VmIds.Select(vmid => CreateAndStartAsync(api, n1.NodeName, vmid, ct)));
        var cordouan = new List<double>();
        IReadOnlyList<IReadOnlyList<string>> argvs;
        await using (var a = await SerialConsole.ConnectAsync(n1.SerialSocket(VmIds[0]), BootTimeout, ct))
        await using (var b = await SerialConsole.ConnectAsync(n1.SerialSocket(VmIds[1]), BootTimeout, ct))
        {
            cordouan.AddRange(await StreamRoundsAsync("cordouan", a, b, rounds, ct));
            argvs = [.. VmIds.Select(vmid => ProcStatus.CommandLine(QemuPid(n1, vmid)))];
        }
        foreach (var vmid in VmIds)
        {
            await TaskPoller.RunOkAsync(api, HttpMethod.Post, VmPath(n1.NodeName, vmid, "/status/stop"), null, TaskPoll, TaskTimeout, ct);
        }

        var bare = await MeasureBareAsync(cluster.Lab, n1, argvs, rounds, ct);
        context.Progress("stopping n1 and removing the network lab");
        var setup = Invariant($"2 test guests ({MemoryMiB} MiB, 1 vCPU, TCG, virtio-net) on one bridge, guest A → B: busybox nc of /dev/zero for {StreamSeconds} s, bytes counted by B's nc | wc -c, MB = 10^6 bytes");
        return
        [
            new ScenarioResult
            {
                Scenario = Name,
                Metric = "guest → guest TCP over the API-made bridge",
                Unit = "MB/s",
                Measured = Summary.Of(cordouan),
                Baseline = $"the same two QEMU argvs run by hand in another namespace: bridge + 2 taps made with ip, -netdev tap,ifname=…,script=no,downscript=no",
                BaselineMeasured = Summary.Of(bare),
                Goal = Goal.RatioAtLeast(0.95, RatioBasis.Median),
                Note = Invariant($"{rounds} streams per side, medians compared; {setup}"),
            },
            new ScenarioResult
            {
                Scenario = Name,
                Metric = "network change applied (PUT …/network → task OK)",
                Unit = "ms",
                Measured = Summary.Of(apply),
                Note = Invariant($"{ApplyChanges} changes, each staged first (not timed): create {Bridge} with an address, then 4 address changes; task polled every 5 ms; no baseline"),
            },
        ];
    }

    /// <summary>The baseline: a lab host with a bridge and the VMs' taps made by hand, the two argvs launched there.</summary>
    private async Task<List<double>> MeasureBareAsync(NetnsLab lab, CordouandNode n1, IReadOnlyList<IReadOnlyList<string>> argvs, int rounds, CancellationToken ct)
    {
        context.Progress($"baseline: {BareBridge} and taps made with ip in a new namespace, the same QEMU argvs launched by hand");
        var host = await lab.AddHostAsync("bare", ct);
        await host.RunAsync(["ip", "link", "add", BareBridge, "type", "bridge"], ct);
        await host.RunAsync(["ip", "link", "set", BareBridge, "up"], ct);
        var guests = new List<BareGuest>();
        try
        {
            for (var i = 0; i < VmIds.Length; i++)
            {
                var tap = $"tap{VmIds[i].ToString(CultureInfo.InvariantCulture)}i0";
                await host.RunAsync(["ip", "tuntap", "add", "dev", tap, "mode", "tap"], ct);
                await host.RunAsync(["ip", "link", "set", tap, "master", BareBridge], ct);
                await host.RunAsync(["ip", "link", "set", tap, "up"], ct);
                var runDirectory = context.Scratch.Combine("net", $"bare{VmIds[i].ToString(CultureInfo.InvariantCulture)}");
                Directory.CreateDirectory(runDirectory);
                var disk = BareGuest.DiskOf(argvs[i]);
                var diskCopy = Path.Combine(runDirectory, Path.GetFileName(disk));
                File.Copy(disk, diskCopy, overwrite: true);
                var argv = QemuArgv.Rewrite(argvs[i], Path.GetDirectoryName(n1.SerialSocket(VmIds[i]))!, runDirectory, disk, diskCopy);
                guests.Add(await BareGuest.LaunchAsync(host, argv, runDirectory, ct));
            }
            return await StreamRoundsAsync("bare", guests[0].Console, guests[1].Console, rounds, ct);
        }
        finally
        {
            foreach (var guest in guests)
            {
                await guest.DisposeAsync();
            }
        }
    }

    /// <summary>Waits for both guests to beat, addresses them, checks they reach each other, then times the streams.</summary>
    private async Task<List<double>> StreamRoundsAsync(string side, SerialConsole a, SerialConsole b, int rounds, CancellationToken ct)
    {
        await Task.WhenAll(a.WaitForHeartbeatAsync(0, BootTimeout, ct), b.WaitForHeartbeatAsync(0, BootTimeout, ct));
        await new GuestNetwork(a).SetAddressAsync("eth0", Cidrs[0], ct);
        await new GuestNetwork(b).SetAddressAsync("eth0", Cidrs[1], ct);
        if (!await new GuestNetwork(a).PingAsync(ReceiverAddress, ct))
        {
            throw new InvalidOperationException($"{side}: guest A does not reach {ReceiverAddress}");
        }
        var samples = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var mbps = await GuestStream.MeasureAsync(a, b, ReceiverAddress, FirstPort + round, StreamSeconds, ct);
            context.Progress(Invariant($"{side} stream {round + 1}/{rounds}: {mbps:0.0} MB/s"));
            samples.Add(mbps);
        }
        return samples;
    }

    private async Task CreateAndStartAsync(PveHttp api, string node, int vmid, CancellationToken ct) =>
        await TaskPoller.RunOkAsRootAsync(api, HttpMethod.Post, $"/nodes/{node}/qemu", new()
        {
            ["vmid"] = Id(vmid),
            ["name"] = $"net{Id(vmid)}",
            ["memory"] = Id(MemoryMiB),
            ["cores"] = "1",
            ["scsi0"] = $"local:0,import-from={context.GuestImage}",
            ["net0"] = $"virtio,bridge={Bridge}",
            ["serial0"] = "socket",
            ["boot"] = "order=scsi0",
            ["scsihw"] = "virtio-scsi-pci",
            ["start"] = "1",
        }, TaskPoll, TaskTimeout, ct);

    private static int QemuPid(CordouandNode node, int vmid) =>
        int.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(node.SerialSocket(vmid))!, "qemu.pid")).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

    private static string VmPath(string node, int vmid, string rest) => $"/nodes/{node}/qemu/{Id(vmid)}{rest}";

    private static string Id(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
