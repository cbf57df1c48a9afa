using System.Globalization;

namespace Cordouan.Scenarios.LiveMigration.Libvirt;

/// <summary>
/// <c>virsh domjobinfo --completed --rawstats</c> of the incoming side: <c>key: value</c> lines with libvirt's typed
/// parameter names and raw numbers (stable, unlike the translated labels and scaled units of the plain output).
/// </summary>
public sealed class JobStats
{
    private readonly Dictionary<string, string> _values;

    private JobStats(Dictionary<string, string> values) => _values = values;

    /// <summary>
    /// libvirt's <c>downtime</c>: the source's stop (time carried in the migration cookie) to the destination's
    /// resume, wall clock, as the bare side's STOP → RESUME.
    /// </summary>
    public double DowntimeMs => Number("downtime") ?? throw new InvalidOperationException($"libvirt's completed job has no downtime: {Text}");

    /// <summary>The job's own duration (libvirt's <c>time_elapsed</c>).</summary>
    public double? ElapsedMs => Number("time_elapsed");

    public double? SetupMs => Number("setup_time");

    public long? MemoryProcessedBytes => Number("memory_processed") is { } bytes ? (long)bytes : null;

    public double? Iterations => Number("memory_iteration");

    public string Text { get; private init; } = "";

    public static JobStats Parse(string output)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = line.IndexOf(':', StringComparison.Ordinal);
            if (at > 0)
            {
                values[line[..at].Trim()] = line[(at + 1)..].Trim();
            }
        }
        return new JobStats(values) { Text = output.Trim().ReplaceLineEndings(" ") };
    }

    private double? Number(string key) =>
        _values.TryGetValue(key, out var value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
