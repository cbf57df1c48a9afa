using System.Diagnostics;
using System.Globalization;
using Cordouan.Platform.Processes;
using Cordouan.Scenarios.Infrastructure;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;

namespace Cordouan.Scenarios.LinkedClone;

/// <summary>
/// Linked clone latency at the API: <c>POST …/clone</c> of a template until its task is <c>stopped</c> with <c>OK</c>,
/// sequentially, against a bare <c>qemu-img create -f qcow2 -F qcow2 -b base new</c> on the template's disk.
/// </summary>
public sealed class LinkedCloneScenario(BenchContext context)
{
    private const string Name = "clone";

    /// <summary>Fine enough to time a task of tens of milliseconds, coarse enough not to load the daemon.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan CloneTimeout = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        var template = context.NextVmId();
        await context.CreateGuestAsync(template, cancellationToken);
        await context.RunTaskAsync(HttpMethod.Post, context.VmPath(template, "/template"), null, cancellationToken);
        var baseDisk = context.FindVolumeFile($"base-{template}-disk-0");
        context.Progress($"template {template} ready ({Path.GetFileName(baseDisk)}); cloning {context.Options.Clones} times");

        await CloneAsync(template, cancellationToken);
        var clones = new Samples();
        for (var i = 0; i < context.Options.Clones; i++)
        {
            clones.Add(await CloneAsync(template, cancellationToken));
        }

        var runner = new ProcessRunner();
        await CreateOverlayAsync(runner, baseDisk, "warmup", cancellationToken);
        var overlays = new Samples();
        for (var i = 0; i < context.Options.Clones; i++)
        {
            overlays.Add(await CreateOverlayAsync(runner, baseDisk, i.ToString(CultureInfo.InvariantCulture), cancellationToken));
        }
        return
        [
            new ScenarioResult
            {
                Scenario = Name,
                Metric = "POST clone (linked) → task OK",
                Unit = "ms",
                Measured = clones.Summarize(),
                Baseline = "qemu-img create -f qcow2 -F qcow2 -b <template disk> (run by the bench)",
                BaselineMeasured = overlays.Summarize(),
                Goal = Goal.ValueAtMost(100, RatioBasis.P95),
                Note = string.Create(CultureInfo.InvariantCulture, $"sequential; task status polled every {Poll.TotalMilliseconds:0} ms; one untimed clone and qemu-img run first"),
            },
        ];
    }

    /// <summary>One linked clone through the API, timed from the request to the task's OK.</summary>
    private async Task<TimeSpan> CloneAsync(int template, CancellationToken cancellationToken)
    {
        var newId = context.NextVmId();
        var start = Stopwatch.GetTimestamp();
        var upid = (await context.Api.PostAsync(context.VmPath(template, "/clone"), new()
        {
            ["newid"] = newId.ToString(CultureInfo.InvariantCulture),
            ["full"] = "0",
            ["name"] = $"clone{newId}",
        }, cancellationToken)).EnsureOk().Data!.GetValue<string>();
        var exit = await TaskPoller.WaitAsync(context.Api, upid, Poll, CloneTimeout, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return exit == "OK" ? elapsed : throw new InvalidOperationException($"clone {template} → {newId}: task {upid} ended with '{exit}'");
    }

    private async Task<TimeSpan> CreateOverlayAsync(ProcessRunner runner, string baseDisk, string suffix, CancellationToken cancellationToken)
    {
        var overlay = context.Scratch.Combine($"overlay-{suffix}.qcow2");
        var start = Stopwatch.GetTimestamp();
        await runner.RunCheckedAsync([Programs.QemuImg, "create", "-f", "qcow2", "-F", "qcow2", "-b", baseDisk, overlay], cancellationToken);
        return Stopwatch.GetElapsedTime(start);
    }
}
