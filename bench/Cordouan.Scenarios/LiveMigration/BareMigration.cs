using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Scenarios.StartOverhead;
using Cordouan.Testing.Netns;

namespace Cordouan.Scenarios.LiveMigration;

/// <summary>
/// The baseline: the argv cordouand gave the VM, run as two bare QEMUs in two lab namespaces on one disk file both
/// open (shared storage on one machine), migrated by hand over QMP with the same settings: target launched with
/// <c>-incoming defer</c>, <c>migrate-set-parameters</c> on the source, <c>migrate-incoming</c>, <c>migrate</c>,
/// <c>query-migrate</c> polled every 10 ms, <c>cont</c> on the target once it left <c>inmigrate</c>, source quit.
/// </summary>
public sealed class BareMigration(MigrationBenchOptions options, Action<string> progress)
{
    private const int FirstPort = 61000;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Boots <paramref name="argv"/> (its run directory and disk rewritten to the bench's) on <paramref name="hosts"/>[0]
    /// and migrates it <see cref="MigrationBenchOptions.Rounds"/> times between the two hosts.
    /// </summary>
    public async Task<IReadOnlyList<MigrationSample>> RunAsync(
        IReadOnlyList<string> argv, string vmRunDirectory, string vmDisk, string sharedDisk, string scratch, IReadOnlyList<LabHost> hosts, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ArgvFor(string runDirectory) => QemuArgv.Rewrite(argv, vmRunDirectory, runDirectory, vmDisk, sharedDisk);
        var source = await BareQemuSide.LaunchAsync(hosts[0], ArgvFor(Path.Combine(scratch, "bare-0")), Path.Combine(scratch, "bare-0"), cancellationToken);
        var samples = new List<MigrationSample>();
        try
        {
            await source.Qmp.ExecuteAsync("cont", cancellationToken);
            await source.Console.WaitForLineAsync(DirtyingGuest.ReadyBanner, l => l.StartsWith(DirtyingGuest.ReadyBanner, StringComparison.Ordinal), options.BootTimeout, cancellationToken);
            progress($"bare QEMU booted on {source.Host.Name}, dirtying memory");
            for (var round = 1; round <= options.Rounds; round++)
            {
                await Task.Delay(options.Settle, cancellationToken);
                var target = hosts[round % 2];
                var runDirectory = Path.Combine(scratch, $"bare-{round}");
                var (sample, next) = await MigrateAsync(source, target, [.. ArgvFor(runDirectory), "-incoming", "defer"], runDirectory, FirstPort + round, cancellationToken);
                source = next;
                samples.Add(sample);
                progress(Invariant($"bare round {round} {sample.From} → {sample.To}: total {sample.Total.TotalMilliseconds:0} ms, stop→resume {sample.DowntimeMs:0} ms (QEMU downtime {sample.QemuDowntimeMs:0} ms), HB gap {sample.Gap.SwitchGapMs:0} ms, dirty rate {sample.DirtyRateMBps:0} MB/s; {sample.Breakdown}"));
            }
            return samples;
        }
        finally
        {
            await source.DisposeAsync();
        }
    }

    /// <summary>One migration from <paramref name="source"/> to a new QEMU on <paramref name="targetHost"/>; returns the sample and the new source.</summary>
    private async Task<(MigrationSample Sample, BareQemuSide Target)> MigrateAsync(
        BareQemuSide source, LabHost targetHost, IReadOnlyList<string> targetArgv, string runDirectory, int port, CancellationToken cancellationToken)
    {
        var dirtyRate = await MeasureDirtyRateAsync(source.Qmp, cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.MigrationTimeout);
        var ct = deadline.Token;
        var uri = $"tcp:{targetHost.Address}:{port.ToString(CultureInfo.InvariantCulture)}";

        var start = Stopwatch.GetTimestamp();
        var target = await BareQemuSide.LaunchAsync(targetHost, targetArgv, runDirectory, ct);
        try
        {
            var launched = Stopwatch.GetElapsedTime(start);
            await source.Qmp.ExecuteAsync("migrate-set-parameters", new JsonObject
            {
                ["downtime-limit"] = options.DowntimeLimitMs,
                ["max-bandwidth"] = (long)options.BandwidthMiBps * 1024 * 1024,
            }, ct);
            await target.Qmp.ExecuteAsync("migrate-incoming", new JsonObject { ["uri"] = uri }, ct);
            var migrateAt = Stopwatch.GetTimestamp();
            await source.Qmp.ExecuteAsync("migrate", new JsonObject { ["uri"] = uri }, ct);
            var status = await WaitForCompletionAsync(source.Qmp, ct);
            var migrated = Stopwatch.GetElapsedTime(start);
            while ((await target.Qmp.ExecuteAsync("query-status", null, ct))["status"]?.GetValue<string>() == "inmigrate")
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2), ct);
            }
            await target.Qmp.ExecuteAsync("cont", ct);
            var resumed = Stopwatch.GetElapsedTime(start);
            var sourceLines = source.Console;
            await source.DisposeAsync();
            var total = Stopwatch.GetElapsedTime(start);

            var lastOnSource = sourceLines.Lines.LastOrDefault(l => l.Heartbeat is not null)?.Heartbeat ?? 0;
            await target.Console.WaitForHeartbeatAsync(lastOnSource + options.HeartbeatsAfter, options.BootTimeout, ct);
            var stop = source.Qmp.Events.LastOrDefault(e => e.Name == "STOP")
                ?? throw new InvalidOperationException($"no STOP event from the source QEMU on {source.Host.Name}");
            var resume = target.Qmp.Events.LastOrDefault(e => e.Name == "RESUME")
                ?? throw new InvalidOperationException($"no RESUME event from the target QEMU on {targetHost.Name}");
            var sample = new MigrationSample
            {
                From = source.Host.Name,
                To = targetHost.Name,
                Total = total,
                DowntimeMs = (resume.Timestamp - stop.Timestamp).TotalMilliseconds,
                QemuDowntimeMs = status["downtime"]?.GetValue<double>(),
                Gap = HeartbeatGap.Measure(sourceLines.Lines, target.Console.Lines, migrateAt),
                DirtyRateMBps = dirtyRate,
                TransferredBytes = status["ram"]?["transferred"]?.GetValue<long>(),
                Breakdown = Invariant($"target launched + QMP + console {launched.TotalMilliseconds:0} ms, migrate done {(migrated - launched).TotalMilliseconds:0} ms, cont {(resumed - migrated).TotalMilliseconds:0} ms, source quit {(total - resumed).TotalMilliseconds:0} ms; {status["ram"]?["dirty-sync-count"]} dirty syncs"),
            };
            return (sample, target);
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    private static async Task<JsonNode> WaitForCompletionAsync(TinyQmp source, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await source.ExecuteAsync("query-migrate", null, cancellationToken);
            switch (status["status"]?.GetValue<string>())
            {
                case "completed":
                    return status;
                case "failed" or "cancelled":
                    throw new InvalidOperationException($"bare migration failed: {status.ToJsonString()}");
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>
    /// QEMU's estimate of the guest's dirty rate over 1 s, in MB/s (page sampling: hashes of 512 pages per GiB; the
    /// dirty-bitmap mode would be exact but crashes QEMU 7.2 under TCG).
    /// </summary>
    private static async Task<double> MeasureDirtyRateAsync(TinyQmp qmp, CancellationToken cancellationToken)
    {
        await qmp.ExecuteAsync("calc-dirty-rate", new JsonObject { ["calc-time"] = 1 }, cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            var rate = await qmp.ExecuteAsync("query-dirty-rate", null, deadline.Token);
            if (rate["status"]?.GetValue<string>() == "measured")
            {
                return rate["dirty-rate"]!.GetValue<double>();
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
