using System.Diagnostics;

namespace Cordouan.Scenarios.Measurement;

/// <summary>Collects elapsed times in milliseconds.</summary>
public sealed class Samples
{
    private readonly List<double> _values = [];

    public IReadOnlyCollection<double> Values => _values;

    /// <summary>Runs <paramref name="action"/> and records how long it took.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await action();
        Add(Stopwatch.GetElapsedTime(start));
        return result;
    }

    public void Add(TimeSpan elapsed) => _values.Add(elapsed.TotalMilliseconds);

    public Summary Summarize() => Summary.Of(_values);
}
