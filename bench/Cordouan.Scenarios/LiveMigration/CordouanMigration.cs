using System.Diagnostics;
using System.Globalization;
using System.Net;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.LiveMigration;

/// <summary>
/// Cordouan's side: a running VM migrated between two cluster nodes with <c>POST /nodes/{source}/qemu/{vmid}/migrate
/// online=1</c> (plus <c>with-local-disks=1</c> for a local disk), the <c>qmigrate</c> task polled every 20 ms, its
/// duration and downtime read from the task log, the heartbeat gap from the two nodes' serial consoles.
/// </summary>
public sealed class CordouanMigration(MigrationBenchOptions options, Action<string> progress)
{
    private static readonly TimeSpan TaskPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Migrates VM <paramref name="vmid"/>, running on <paramref name="nodes"/>[0] and just started, back and forth
    /// <see cref="MigrationBenchOptions.Rounds"/> times; <paramref name="apis"/> holds a client per node name.
    /// </summary>
    public async Task<IReadOnlyList<MigrationSample>> RunAsync(
        IReadOnlyList<CordouandNode> nodes, IReadOnlyDictionary<string, PveHttp> apis, int vmid, bool localDisks, CancellationToken cancellationToken)
    {
        var console = await TimedConsole.ConnectAsync(nodes[0].SerialSocket(vmid), options.BootTimeout, cancellationToken);
        var samples = new List<MigrationSample>();
        try
        {
            await console.WaitForLineAsync(DirtyingGuest.ReadyBanner, l => l.StartsWith(DirtyingGuest.ReadyBanner, StringComparison.Ordinal), options.BootTimeout, cancellationToken);
            progress($"VM {vmid} booted on {nodes[0].NodeName}, dirtying memory");
            for (var round = 1; round <= options.Rounds; round++)
            {
                // Pacing, not synchronisation: the dirtying loop runs at its steady rate before each migration.
                await Task.Delay(options.Settle, cancellationToken);
                var (source, target) = (nodes[(round - 1) % 2], nodes[round % 2]);
                var (sample, next) = await MigrateAsync(apis[source.NodeName], source, target, vmid, localDisks, console, cancellationToken);
                await console.DisposeAsync();
                console = next;
                samples.Add(sample);
                progress(Invariant($"cordouan round {round} {sample.From} → {sample.To}{(localDisks ? " (local disk)" : "")}: task {sample.Total.TotalMilliseconds:0} ms, downtime {sample.DowntimeMs:0} ms, HB gap {sample.Gap.SwitchGapMs:0} ms; {sample.Breakdown}"));
            }
            return samples;
        }
        finally
        {
            await console.DisposeAsync();
        }
    }

    private async Task<(MigrationSample Sample, TimedConsole Target)> MigrateAsync(
        PveHttp api, CordouandNode source, CordouandNode target, int vmid, bool localDisks, TimedConsole sourceConsole, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.MigrationTimeout);
        var ct = deadline.Token;
        var form = new Dictionary<string, string>
        {
            ["target"] = target.NodeName,
            ["online"] = "1",
            // Proxmox's bwlimit is in KiB/s (the CLI's --bwlimit is MiB/s).
            ["bwlimit"] = (options.BandwidthMiBps * 1024).ToString(CultureInfo.InvariantCulture),
            ["migration_downtime"] = options.DowntimeLimitMs.ToString(CultureInfo.InvariantCulture),
        };
        if (localDisks)
        {
            form["with-local-disks"] = "1";
        }
        var path = $"/nodes/{source.NodeName}/qemu/{vmid.ToString(CultureInfo.InvariantCulture)}/migrate";
        var start = Stopwatch.GetTimestamp();
        var answer = await api.PostAsync(path, form, ct);
        if (answer.Status == HttpStatusCode.BadRequest)
        {
            throw new LiveMigrationUnavailableException(
                $"live migration not available: POST {path} online=1{(localDisks ? " with-local-disks=1" : "")} answered 400 {answer.Message?.Trim()} {answer.Body?["errors"]?.ToJsonString()}".TrimEnd());
        }
        var upid = answer.EnsureOk().Data!.GetValue<string>();
        // The target's console socket appears once its QEMU is launched: connect while the task runs, to see its first beat.
        var targetConsole = TimedConsole.ConnectAsync(target.SerialSocket(vmid), options.MigrationTimeout, ct);
        try
        {
            var exit = await TaskPoller.WaitAsync(api, upid, TaskPoll, options.MigrationTimeout, ct);
            var wall = Stopwatch.GetElapsedTime(start);
            var log = await TaskLogAsync(api, upid, ct);
            if (exit != "OK")
            {
                throw new InvalidOperationException($"migration task {upid} ended with '{exit}'; log: {string.Join(" | ", log.TakeLast(8))}");
            }
            var (totalSeconds, downtimeMs) = MigrationTaskLog.Parse(log, upid);
            var console = await targetConsole;
            var lastOnSource = sourceConsole.Lines.LastOrDefault(l => l.Heartbeat is not null)?.Heartbeat ?? 0;
            await console.WaitForHeartbeatAsync(lastOnSource + options.HeartbeatsAfter, options.BootTimeout, ct);
            var sample = new MigrationSample
            {
                From = source.NodeName,
                To = target.NodeName,
                Total = TimeSpan.FromSeconds(totalSeconds),
                DowntimeMs = downtimeMs,
                Gap = HeartbeatGap.Measure(sourceConsole.Lines, console.Lines, start),
                Breakdown = Invariant($"POST → task stopped {wall.TotalMilliseconds:0} ms (polled every {TaskPoll.TotalMilliseconds:0} ms), {log.Count} log lines"),
            };
            return (sample, console);
        }
        catch
        {
            // Do not leave the console connect retrying (or connected) behind a failed round.
            deadline.Cancel();
            try
            {
                await (await targetConsole).DisposeAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException)
            {
                // Never connected.
            }
            throw;
        }
    }

    private static async Task<IReadOnlyList<string>> TaskLogAsync(PveHttp api, string upid, CancellationToken cancellationToken)
    {
        var node = upid.Split(':')[1];
        var log = (await api.GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/log", cancellationToken, new() { ["limit"] = "10000" })).EnsureOk().Data!;
        return [.. log.AsArray().Select(l => l!["t"]!.GetValue<string>())];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
