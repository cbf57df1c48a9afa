using System.Globalization;
using Cordouan.Core.Errors;
using Cordouan.Scenarios.ClusterMembership;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Scenarios.LiveMigration.Libvirt;
using Cordouan.Scenarios.Reporting;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.LiveMigration;

/// <summary>
/// Issue 6, live migration: a 1 GiB guest dirtying memory (<see cref="DirtyingGuest"/>) migrated back and forth
/// between n1 and n2, two cordouand nodes of one cluster in network namespaces, on a <c>dir</c> storage marked
/// shared; the same guest (same argv, same disk file kind, same QEMU settings) migrated by hand between two bare
/// QEMUs in the same namespaces; the same guest as a libvirt domain migrated between two libvirtd in the same
/// namespaces (the peer to beat); then the guest on a local disk, migrated with <c>with-local-disks=1</c> (no baseline).
/// One guest runs at a time (two cores). Everything is removed at the end, lab included, even on failure.
/// </summary>
public sealed partial class LiveMigrationScenario(BenchContext context)
{
    private const string Name = "migrate";
    private const string ClusterName = "benchmig";
    private const string SharedStorage = "benchshared";
    private const int SharedVmId = 9001;
    private const int LocalVmId = 9002;
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan TaskPoll = TimeSpan.FromMilliseconds(50);

    private MigrationBenchOptions Options => new() { Rounds = context.Options.MigrationRounds };

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
        context.Progress("building the dirtying guest variant");
        var image = await DirtyingGuest.BuildAsync(context.GuestImage, context.Scratch.Combine("migrate-guest"), ct);
        context.Progress("building a network lab with n1 and n2 in one cluster");
        await using var cluster = await BenchCluster.CreateAsync(context.Progress, ct);
        var (n1, _) = await cluster.StartNodeAsync("n1", ct);
        var (n2, _) = await cluster.StartNodeAsync("n2", ct);
        var password = n1.AdminPassword;
        using var viaN1 = await BenchCluster.AdminAsync(n1, password, ct);
        await TaskPoller.RunOkAsync(viaN1, HttpMethod.Post, "/cluster/config", new() { ["clustername"] = ClusterName }, TaskPoll, TaskTimeout, ct);
        await new JoinTimer(new ClusterBenchOptions(), n1, viaN1, password).JoinAsync(n2, ct);
        using var viaN2 = await BenchCluster.AdminAsync(n2, password, ct);
        var apis = new Dictionary<string, PveHttp> { ["n1"] = viaN1, ["n2"] = viaN2 };
        CordouandNode[] nodes = [n1, n2];

        var sharedPath = context.Scratch.Combine("shared-storage");
        Directory.CreateDirectory(sharedPath);
        (await viaN1.PostAsync("/storage", new()
        {
            ["storage"] = SharedStorage,
            ["type"] = "dir",
            ["path"] = sharedPath,
            ["content"] = "images",
            ["shared"] = "1",
        }, ct)).EnsureOk();
        await CreateVmAsync(viaN1, SharedVmId, $"{SharedStorage}:0,import-from={image}", options, ct);
        var vmDisk = Directory.EnumerateFiles(sharedPath, $"vm-{SharedVmId}-disk-0*", SearchOption.AllDirectories).Single();
        // The baseline's disk: a copy taken before the first boot, which both bare QEMUs open (shared storage on one machine).
        var bareDisk = context.Scratch.Combine("bare-shared", Path.GetFileName(vmDisk));
        Directory.CreateDirectory(Path.GetDirectoryName(bareDisk)!);
        File.Copy(vmDisk, bareDisk);
        var libvirtDisk = context.Scratch.Combine("libvirt-shared", Path.GetFileName(vmDisk));
        Directory.CreateDirectory(Path.GetDirectoryName(libvirtDisk)!);
        File.Copy(vmDisk, libvirtDisk);

        await StartAsync(viaN1, "n1", SharedVmId, ct);
        var vmRunDirectory = Path.GetDirectoryName(n1.SerialSocket(SharedVmId))!;
        var pid = int.Parse(File.ReadAllText(Path.Combine(vmRunDirectory, "qemu.pid")).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        var argv = ProcStatus.CommandLine(pid);

        var failures = new List<string>();
        var shared = await TryAsync("cordouan, shared disk", failures,
            () => new CordouanMigration(options, context.Progress).RunAsync(nodes, apis, SharedVmId, localDisks: false, ct));
        await StopWherever(viaN1, SharedVmId, ct);

        context.Progress("bare QEMU baseline (same argv, same disk file kind, n1 and n2 namespaces)");
        var bare = await new BareMigration(options, context.Progress).RunAsync(
            argv, vmRunDirectory, vmDisk, bareDisk, context.Scratch.Combine("bare"), [n1.Host!, n2.Host!], ct);

        context.Progress("libvirt peer (the same guest as a libvirt domain, a libvirtd in each of the n1 and n2 namespaces)");
        var libvirt = await TryAsync("libvirt peer", failures, () =>
        {
            Programs.Require(LibvirtDaemon.Libvirtd);
            Programs.Require(LibvirtDaemon.Virtlogd);
            Programs.Require(LibvirtDaemon.Virsh);
            return new LibvirtMigration(options, context.Progress).RunAsync(libvirtDisk, context.Scratch.Path, [n1.Host!, n2.Host!], ct);
        });

        await CreateVmAsync(viaN1, LocalVmId, $"local:0,import-from={image}", options, ct);
        await StartAsync(viaN1, "n1", LocalVmId, ct);
        var local = await TryAsync("cordouan, local disk", failures,
            () => new CordouanMigration(options, context.Progress).RunAsync(nodes, apis, LocalVmId, localDisks: true, ct));
        await StopWherever(viaN1, LocalVmId, ct);

        var run = new MigrationRun(options, shared, bare, libvirt, local);
        PrintHeadlines(run);
        context.Progress("stopping n1 and n2 and removing the network lab");
        var results = Results(run, failures);
        return failures.Count == 0 ? results : throw new PartialResultsException(string.Join("; ", failures), results);
    }

    /// <summary>Runs one Cordouan or libvirt series; a failure is recorded (the other sides are still measured) and null returned.</summary>
    private async Task<IReadOnlyList<MigrationSample>?> TryAsync(string what, List<string> failures, Func<Task<IReadOnlyList<MigrationSample>>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is LiveMigrationUnavailableException or InvalidOperationException or TimeoutException or ExternalCommandException)
        {
            failures.Add($"{what}: {e.Message}");
            context.Progress($"{what} FAILED: {e.Message}");
            return null;
        }
    }

    private static Task CreateVmAsync(PveHttp api, int vmid, string disk, MigrationBenchOptions options, CancellationToken cancellationToken) =>
        TaskPoller.RunOkAsRootAsync(api, HttpMethod.Post, "/nodes/n1/qemu", new()
        {
            ["vmid"] = vmid.ToString(CultureInfo.InvariantCulture),
            ["name"] = $"migrate{vmid}",
            ["memory"] = options.MemoryMiB.ToString(CultureInfo.InvariantCulture),
            ["cores"] = "1",
            ["scsi0"] = disk,
            ["net0"] = "virtio",
            ["serial0"] = "socket",
            ["boot"] = "order=scsi0",
            ["scsihw"] = "virtio-scsi-pci",
        }, TaskPoll, TaskTimeout, cancellationToken);

    private static Task StartAsync(PveHttp api, string node, int vmid, CancellationToken cancellationToken) =>
        TaskPoller.RunOkAsync(api, HttpMethod.Post, $"/nodes/{node}/qemu/{vmid.ToString(CultureInfo.InvariantCulture)}/status/start", null, TaskPoll, TaskTimeout, cancellationToken);

    /// <summary>Stops the VM on whichever node owns it now (a failed round may have left it on either), so the next guest runs alone.</summary>
    private static async Task StopWherever(PveHttp api, int vmid, CancellationToken cancellationToken)
    {
        var resources = (await api.GetAsync("/cluster/resources", cancellationToken, new() { ["type"] = "vm" })).EnsureOk().Data!.AsArray();
        var vm = resources.Single(r => r!["vmid"]!.GetValue<int>() == vmid)!;
        if (vm["status"]?.GetValue<string>() == "running")
        {
            await TaskPoller.RunOkAsync(api, HttpMethod.Post, $"/nodes/{vm["node"]!.GetValue<string>()}/qemu/{vmid.ToString(CultureInfo.InvariantCulture)}/status/stop", null, TaskPoll, TaskTimeout, cancellationToken);
        }
    }
}
