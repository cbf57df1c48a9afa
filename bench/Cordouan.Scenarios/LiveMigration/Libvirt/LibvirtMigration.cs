using System.Diagnostics;
using System.Globalization;
using Cordouan.Core.Errors;
using Cordouan.Testing.Netns;

namespace Cordouan.Scenarios.LiveMigration.Libvirt;

/// <summary>
/// The peer of issue 6: the same guest (<see cref="LibvirtConfig.Domain"/>, on its own copy of the VM's disk) run by
/// two libvirtd, one per lab host (<see cref="LibvirtDaemon"/>), and migrated back and forth with
/// <c>virsh migrate --live --unsafe --bandwidth</c> after <c>virsh migrate-setmaxdowntime</c> on the source, the same
/// limits as the other sides. <c>--unsafe</c>: the disk is on a local file system opened by both sides with the default
/// cache mode, which libvirt refuses unless told (the other sides share the disk file the same way).
/// </summary>
public sealed class LibvirtMigration(MigrationBenchOptions options, Action<string> progress)
{
    private static readonly TimeSpan DirtyRateTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Boots the guest on <paramref name="hosts"/>[0] from <paramref name="disk"/> and migrates it <see cref="MigrationBenchOptions.Rounds"/> times.</summary>
    public async Task<IReadOnlyList<MigrationSample>> RunAsync(string disk, string scratch, IReadOnlyList<LabHost> hosts, CancellationToken cancellationToken)
    {
        await using var first = await LibvirtDaemon.StartAsync(hosts[0], Path.Combine(scratch, $"libvirt-{hosts[0].Name}"), cancellationToken);
        await using var second = await LibvirtDaemon.StartAsync(hosts[1], Path.Combine(scratch, $"libvirt-{hosts[1].Name}"), cancellationToken);
        LibvirtDaemon[] daemons = [first, second];
        var xml = Path.Combine(scratch, "libvirt-domain.xml");
        await File.WriteAllTextAsync(xml, LibvirtConfig.Domain(options.MemoryMiB, disk), cancellationToken);
        // Transient, as cordouand's QEMU: the definition lives with the running domain (the config is in etcd for Cordouan).
        await first.VirshAsync(["create", xml], cancellationToken);
        var console = await TimedConsole.ConnectAsync(first.LocalPath(LibvirtConfig.SerialSocket), options.BootTimeout, cancellationToken);
        var samples = new List<MigrationSample>();
        try
        {
            await console.WaitForLineAsync(DirtyingGuest.ReadyBanner, l => l.StartsWith(DirtyingGuest.ReadyBanner, StringComparison.Ordinal), options.BootTimeout, cancellationToken);
            progress($"libvirt domain booted on {first.Host.Name}, dirtying memory");
            for (var round = 1; round <= options.Rounds; round++)
            {
                // Pacing, not synchronisation: the dirtying loop runs at its steady rate before each migration.
                await Task.Delay(options.Settle, cancellationToken);
                var (source, target) = (daemons[(round - 1) % 2], daemons[round % 2]);
                var (sample, next) = await MigrateAsync(source, target, console, cancellationToken);
                await console.DisposeAsync();
                console = next;
                samples.Add(sample);
                progress(Invariant($"libvirt round {round} {sample.From} → {sample.To}: virsh migrate {sample.Total.TotalMilliseconds:0} ms, downtime {sample.DowntimeMs:0} ms, HB gap {sample.Gap.SwitchGapMs:0} ms, dirty rate {sample.DirtyRateMBps:0} MB/s; {sample.Breakdown}"));
            }
            return samples;
        }
        finally
        {
            await console.DisposeAsync();
        }
    }

    private async Task<(MigrationSample Sample, TimedConsole Target)> MigrateAsync(
        LibvirtDaemon source, LibvirtDaemon target, TimedConsole sourceConsole, CancellationToken cancellationToken)
    {
        var dirtyRate = await MeasureDirtyRateAsync(source, cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.MigrationTimeout);
        var ct = deadline.Token;
        // Applies to the running source QEMU (libvirt sets downtime-limit at once and keeps it for the migration).
        await source.VirshAsync(["migrate-setmaxdowntime", LibvirtConfig.DomainName, Invariant($"{options.DowntimeLimitMs}")], ct);
        // The target's console socket appears when libvirt starts the incoming QEMU; connect as soon as it does.
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var targetConsole = TimedConsole.ConnectAsync(target.LocalPath(LibvirtConfig.SerialSocket), options.MigrationTimeout, connecting.Token);
        var start = Stopwatch.GetTimestamp();
        try
        {
            await source.VirshAsync(
                ["migrate", "--live", "--unsafe", "--bandwidth", Invariant($"{options.BandwidthMiBps}"), LibvirtConfig.DomainName, target.Uri], ct);
        }
        catch (ExternalCommandException e)
        {
            await DisposeLaterAsync(connecting, targetConsole);
            throw new InvalidOperationException($"virsh migrate {source.Host.Name} → {target.Host.Name} failed: {e.Message}; source libvirtd.log: {source.LogTail()}; target: {target.LogTail()}", e);
        }
        catch
        {
            await DisposeLaterAsync(connecting, targetConsole);
            throw;
        }
        var total = Stopwatch.GetElapsedTime(start);
        var console = await targetConsole;
        try
        {
            var lastOnSource = sourceConsole.Lines.LastOrDefault(l => l.Heartbeat is not null)?.Heartbeat ?? 0;
            await console.WaitForHeartbeatAsync(lastOnSource + options.HeartbeatsAfter, options.BootTimeout, ct);
            var stats = JobStats.Parse((await target.VirshAsync(["domjobinfo", LibvirtConfig.DomainName, "--completed", "--rawstats"], ct)).StandardOutput);
            var sample = new MigrationSample
            {
                From = source.Host.Name,
                To = target.Host.Name,
                Total = total,
                DowntimeMs = stats.DowntimeMs,
                Gap = HeartbeatGap.Measure(sourceConsole.Lines, console.Lines, start),
                DirtyRateMBps = dirtyRate,
                TransferredBytes = stats.MemoryProcessedBytes,
                Breakdown = Invariant($"libvirt job {stats.ElapsedMs:0} ms (setup {stats.SetupMs:0} ms, {stats.Iterations} iterations), virsh process and connections {total.TotalMilliseconds - (stats.ElapsedMs ?? 0):0} ms"),
            };
            return (sample, console);
        }
        catch
        {
            await console.DisposeAsync();
            throw;
        }
    }

    /// <summary>The console task of a failed migration may still be retrying: stop it and close what it opened.</summary>
    private static async Task DisposeLaterAsync(CancellationTokenSource connecting, Task<TimedConsole> console)
    {
        await connecting.CancelAsync();
        try
        {
            await (await console).DisposeAsync();
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Never connected: nothing to close.
        }
    }

    /// <summary>libvirt's estimate of the guest's dirty rate over 1 s (page sampling, as on the bare side), in MB/s; null if it is not ready in time.</summary>
    private static async Task<double?> MeasureDirtyRateAsync(LibvirtDaemon daemon, CancellationToken cancellationToken)
    {
        await daemon.VirshAsync(["domdirtyrate-calc", LibvirtConfig.DomainName, "--seconds", "1"], cancellationToken);
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < DirtyRateTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            var stats = (await daemon.VirshAsync(["domstats", LibvirtConfig.DomainName, "--dirtyrate"], cancellationToken)).StandardOutput;
            var values = stats.Split('\n', StringSplitOptions.TrimEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            // calc_status 2 = measured.
            if (values.GetValueOrDefault("dirtyrate.calc_status") == "2"
                && double.TryParse(values.GetValueOrDefault("dirtyrate.megabytes_per_second"), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate))
            {
                return rate;
            }
        }
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
