using System.Globalization;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;

namespace Cordouan.Scenarios.LiveMigration;

public sealed partial class LiveMigrationScenario
{
    private const string BareBaseline = "two bare qemu-system-x86_64 with cordouand's argv in the n1/n2 namespaces, one disk file, QMP by hand (migrate-set-parameters, -incoming defer + migrate-incoming, migrate, query-migrate every 10 ms, cont)";

    private const string LibvirtBaseline = "libvirt 9 peer: the same guest as a transient libvirt domain, a libvirtd in each of the n1/n2 namespaces (private mount namespace each), virsh migrate --live --unsafe --bandwidth after migrate-setmaxdowntime";

    private static IReadOnlyList<ScenarioResult> Results(MigrationRun run, IReadOnlyList<string> failures)
    {
        var bareTotal = Ms(run.Bare, s => s.Total.TotalMilliseconds);
        var bareDowntime = Ms(run.Bare, s => s.DowntimeMs);
        var bareGap = Ms(run.Bare, s => s.Gap.SwitchGapMs);
        var setup = Setup(run);
        if (run.Shared is not { } shared)
        {
            var why = "Cordouan side FAILED: " + string.Join("; ", failures);
            return
            [
                Row("bare QEMU only: live migrate total", bareTotal, null, null, $"{why}; {BareNote(run.Bare)}; {setup}"),
                Row("bare QEMU only: downtime (STOP → RESUME)", bareDowntime, null, null, $"Cordouan side failed (above); bare QEMU-reported downtime {Values(run.Bare, s => s.QemuDowntimeMs ?? double.NaN)} ms"),
                Row("bare QEMU only: guest HB gap at the switch", bareGap, null, null, $"Cordouan side failed (above); {Continuity(run.Bare)}"),
                .. LibvirtOnly(run),
                .. Local(run, setup),
            ];
        }
        var total = Ms(shared, s => s.Total.TotalMilliseconds);
        var downtime = Ms(shared, s => s.DowntimeMs);
        var gap = Ms(shared, s => s.Gap.SwitchGapMs);
        return
        [
            Row("live migrate, shared disk: total", total, bareTotal,
                Goal.RatioAtMost(MigrationBenchOptions.TotalRatioGoal, RatioBasis.Median),
                $"Cordouan = the qmigrate task's own duration (log line); bare = target launched → migrated → cont → source gone; {BareNote(run.Bare)}; {setup}"),
            .. VersusLibvirt(run, "live migrate, shared disk: total vs libvirt", total, s => s.Total.TotalMilliseconds,
                l => $"libvirt = the virsh migrate call (its process, both connections, the whole job); {LibvirtNote(l)}"),
            Row("live migrate, shared disk: downtime", downtime, bareDowntime,
                Goal.ValueAtMost(bareDowntime.Median + MigrationBenchOptions.DowntimeMarginGoalMs, RatioBasis.Median),
                Invariant($"goal = bare median + {MigrationBenchOptions.DowntimeMarginGoalMs:0} ms; difference {downtime.Median - bareDowntime.Median:0} ms; Cordouan = task log 'downtime N ms'; bare = source STOP → target RESUME (QMP event timestamps); bare QEMU-reported downtime {Values(run.Bare, s => s.QemuDowntimeMs ?? double.NaN)} ms")),
            .. VersusLibvirt(run, "live migrate, shared disk: downtime vs libvirt", downtime, s => s.DowntimeMs,
                l => Invariant($"libvirt = 'downtime' of domjobinfo --completed on the target (source stopped → target resumed); difference {downtime.Median - Ms(l, s => s.DowntimeMs).Median:0} ms")),
            Row("live migrate, shared disk: guest HB gap", gap, bareGap, null,
                $"last HB on the source console → first on the target's (beat every 0.2 s + a disk write); Cordouan: {Continuity(shared)}; bare: {Continuity(run.Bare)}"),
            .. VersusLibvirt(run, "live migrate, shared disk: guest HB gap vs libvirt", gap, s => s.Gap.SwitchGapMs, l => $"libvirt: {Continuity(l)}"),
            .. Local(run, setup),
        ];
    }

    /// <summary>A Cordouan series beside libvirt's (no goal: the peer to beat, reported); nothing when libvirt was not measured.</summary>
    private static IEnumerable<ScenarioResult> VersusLibvirt(
        MigrationRun run, string metric, Summary cordouan, Func<MigrationSample, double> pick, Func<IReadOnlyList<MigrationSample>, string> note)
    {
        if (run.Libvirt is { } libvirt)
        {
            yield return Row(metric, cordouan, Ms(libvirt, pick), null, note(libvirt), LibvirtBaseline);
        }
    }

    /// <summary>libvirt against bare QEMU when the Cordouan side failed, so the peer's figures are still reported.</summary>
    private static IEnumerable<ScenarioResult> LibvirtOnly(MigrationRun run)
    {
        if (run.Libvirt is not { } libvirt)
        {
            yield break;
        }
        yield return Row("libvirt vs bare: live migrate total", Ms(libvirt, s => s.Total.TotalMilliseconds), Ms(run.Bare, s => s.Total.TotalMilliseconds), null,
            $"measured = libvirt's virsh migrate call; {LibvirtNote(libvirt)}");
        yield return Row("libvirt vs bare: downtime", Ms(libvirt, s => s.DowntimeMs), Ms(run.Bare, s => s.DowntimeMs), null, "libvirt = domjobinfo 'downtime'");
        yield return Row("libvirt vs bare: guest HB gap", Ms(libvirt, s => s.Gap.SwitchGapMs), Ms(run.Bare, s => s.Gap.SwitchGapMs), null, $"libvirt: {Continuity(libvirt)}");
    }

    private static IEnumerable<ScenarioResult> Local(MigrationRun run, string setup)
    {
        if (run.Local is not { } local)
        {
            yield break;
        }
        yield return Row("live migrate, local disk (mirror): total", Ms(local, s => s.Total.TotalMilliseconds), null, null,
            $"with-local-disks=1, 64 MiB qcow2 on 'local'; no baseline; {setup}");
        yield return Row("live migrate, local disk (mirror): downtime", Ms(local, s => s.DowntimeMs), null, null, "task log 'downtime N ms'");
        yield return Row("live migrate, local disk (mirror): guest HB gap", Ms(local, s => s.Gap.SwitchGapMs), null, null, Continuity(local));
    }

    private static ScenarioResult Row(string metric, Summary measured, Summary? baseline, Goal? goal, string note, string baselineText = BareBaseline) => new()
    {
        Scenario = Name,
        Metric = metric,
        Unit = "ms",
        Measured = measured,
        Baseline = baseline is null ? null : baselineText,
        BaselineMeasured = baseline,
        Goal = goal,
        Note = note,
    };

    private void PrintHeadlines(MigrationRun run)
    {
        var bareTotal = Ms(run.Bare, s => s.Total.TotalMilliseconds).Median;
        var bareDowntime = Ms(run.Bare, s => s.DowntimeMs).Median;
        context.Progress(Invariant($"bare QEMU: total median {bareTotal:0} ms, downtime median {bareDowntime:0} ms, HB gap median {Ms(run.Bare, s => s.Gap.SwitchGapMs).Median:0} ms"));
        if (run.Shared is { } shared)
        {
            var total = Ms(shared, s => s.Total.TotalMilliseconds).Median;
            var downtime = Ms(shared, s => s.DowntimeMs).Median;
            context.Progress(Invariant($"cordouan (shared): total median {total:0} ms = {total / bareTotal:0.00}× bare (goal ≤ {MigrationBenchOptions.TotalRatioGoal:0.0}×), downtime median {downtime:0} ms = bare {downtime - bareDowntime:+0;-0} ms (goal ≤ +{MigrationBenchOptions.DowntimeMarginGoalMs:0}), HB gap median {Ms(shared, s => s.Gap.SwitchGapMs).Median:0} ms"));
        }
        if (run.Libvirt is { } libvirt)
        {
            var total = Ms(libvirt, s => s.Total.TotalMilliseconds).Median;
            var downtime = Ms(libvirt, s => s.DowntimeMs).Median;
            context.Progress(Invariant($"libvirt: total median {total:0} ms = {total / bareTotal:0.00}× bare, downtime median {downtime:0} ms, HB gap median {Ms(libvirt, s => s.Gap.SwitchGapMs).Median:0} ms"));
            if (run.Shared is { } cordouan)
            {
                var cordouanTotal = Ms(cordouan, s => s.Total.TotalMilliseconds).Median;
                context.Progress(Invariant($"cordouan vs libvirt: total {cordouanTotal / total:0.00}× (vs bare {cordouanTotal / bareTotal:0.00}×), downtime {Ms(cordouan, s => s.DowntimeMs).Median - downtime:+0;-0} ms (vs bare {Ms(cordouan, s => s.DowntimeMs).Median - bareDowntime:+0;-0} ms), HB gap {Ms(cordouan, s => s.Gap.SwitchGapMs).Median / Ms(libvirt, s => s.Gap.SwitchGapMs).Median:0.00}×"));
            }
        }
        if (run.Local is { } local)
        {
            context.Progress(Invariant($"cordouan (local disk): total median {Ms(local, s => s.Total.TotalMilliseconds).Median:0} ms, downtime median {Ms(local, s => s.DowntimeMs).Median:0} ms, HB gap median {Ms(local, s => s.Gap.SwitchGapMs).Median:0} ms"));
        }
    }

    private static string Setup(MigrationRun run) => Invariant(
        $"{run.Options.Rounds} migration(s) per side, n1 ⇄ n2 over the lab bridge; guest {run.Options.MemoryMiB} MiB, TCG, dirtying a {DirtyingGuest.BufferMiB} MiB buffer {DirtyingGuest.ChunkMiB} MiB at a time with {DirtyingGuest.Pause} s pauses; downtime-limit {run.Options.DowntimeLimitMs} ms, max-bandwidth {run.Options.BandwidthMiBps} MiB/s on both sides");

    private static string BareNote(IReadOnlyList<MigrationSample> bare) =>
        $"QEMU-measured dirty rate {Values(bare, s => s.DirtyRateMBps ?? double.NaN)} MB/s, sent {Values(bare, s => (s.TransferredBytes ?? 0) / 1e6)} MB; bare breakdown: {bare[0].Breakdown}";

    private static string LibvirtNote(IReadOnlyList<MigrationSample> libvirt) =>
        $"libvirt-measured dirty rate {Values(libvirt, s => s.DirtyRateMBps ?? double.NaN)} MB/s, memory sent {Values(libvirt, s => (s.TransferredBytes ?? 0) / 1e6)} MB; libvirt breakdown: {libvirt[0].Breakdown}";

    private static string Continuity(IReadOnlyList<MigrationSample> samples) =>
        string.Join(", ", samples.Select(s => Invariant($"HB {s.Gap.LastOnSource}→{s.Gap.FirstOnTarget}{(s.Gap.Continuous ? "" : " NOT continuous")}")))
        + Invariant($", usual interval {samples[0].Gap.UsualIntervalMs:0} ms");

    private static Summary Ms(IReadOnlyList<MigrationSample> samples, Func<MigrationSample, double> pick) => Summary.Of([.. samples.Select(pick)]);

    private static string Values(IReadOnlyList<MigrationSample> samples, Func<MigrationSample, double> pick) =>
        string.Join("/", samples.Select(s => pick(s).ToString("0", CultureInfo.InvariantCulture)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
