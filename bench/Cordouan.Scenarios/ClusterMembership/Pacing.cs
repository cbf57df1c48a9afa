using System.Diagnostics;

namespace Cordouan.Scenarios.ClusterMembership;

/// <summary>Keeps polls on a fixed cadence: the next one starts one interval after the previous one started.</summary>
public static class Pacing
{
    /// <summary>Waits until <paramref name="interval"/> after <paramref name="pollStart"/> (at once when the poll took longer).</summary>
    public static async Task NextAsync(TimeSpan interval, long pollStart, CancellationToken cancellationToken)
    {
        var wait = interval - Stopwatch.GetElapsedTime(pollStart);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }
}
