using System.Diagnostics;
using System.Globalization;
using Cordouan.Scenarios.Measurement;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>
/// Sequential <c>PUT …/config description=…</c> per target, one write in flight at a time, the targets taken in
/// turn (round-robin), so a load change on the shared machine weighs on every series alike. Each write sets a new
/// description, so none is a no-op.
/// </summary>
public sealed class ConfigWriteTimer(ClusterBenchOptions options, Action<string> progress)
{
    /// <summary>Times the writes; returns one series per target and whether the budget cut the loop short.</summary>
    public async Task<(IReadOnlyList<Samples> Series, bool CutShort)> RunAsync(IReadOnlyList<WriteTarget> targets, CancellationToken cancellationToken)
    {
        for (var i = 0; i < options.WarmUpWrites; i++)
        {
            foreach (var target in targets)
            {
                await WriteAsync(target, $"warm-up {i}", cancellationToken);
            }
        }
        var series = targets.Select(_ => new Samples()).ToList();
        var loop = Stopwatch.GetTimestamp();
        var done = 0;
        for (; done < options.Writes && Stopwatch.GetElapsedTime(loop) < options.WritesBudget; done++)
        {
            for (var t = 0; t < targets.Count; t++)
            {
                series[t].Add(await WriteAsync(targets[t], string.Create(CultureInfo.InvariantCulture, $"bench write {done}"), cancellationToken));
            }
            if (done % 50 == 49)
            {
                progress(string.Join(", ", targets.Select((t, i) => string.Create(CultureInfo.InvariantCulture, $"{t.Label} {series[i].Values.Last():0.0} ms")))
                    + string.Create(CultureInfo.InvariantCulture, $" (write {done + 1})"));
            }
        }
        return (series, done < options.Writes);
    }

    private async Task<TimeSpan> WriteAsync(WriteTarget target, string description, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(options.WriteTimeout);
        var form = new Dictionary<string, string> { ["description"] = description };
        var start = Stopwatch.GetTimestamp();
        try
        {
            (await target.Api.PutAsync(target.ConfigPath, form, bound.Token)).EnsureOk();
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"PUT {target.ConfigPath} ({target.Label}) not answered within {options.WriteTimeout.TotalSeconds:0} s");
        }
        return Stopwatch.GetElapsedTime(start);
    }
}
