using System.Globalization;
using System.Text;
using Cordouan.Scenarios.Measurement;

namespace Cordouan.Scenarios.Reporting;

/// <summary>Renders results as a fixed-width text table, followed by what each baseline was.</summary>
public static class ResultTable
{
    private static readonly CompositeFormat RowFormat =
        CompositeFormat.Parse("{0,-44} {1,4} {2,10} {3,10} {4,10} {5,10} | {6,10} {7,10} {8,7} | {9,-22} {10,-4}");

    public static string Render(IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        var header = Row("scenario / metric", "n", "median", "p95", "p99", "max", "base med", "base p99", "ratio", "goal", "met");
        text.AppendLine(header).AppendLine(new string('-', header.Length));
        foreach (var r in results)
        {
            var b = r.BaselineMeasured;
            text.AppendLine(Row(
                $"{r.Scenario}: {r.Metric}",
                r.Measured.Count.ToString(CultureInfo.InvariantCulture),
                Value(r.Measured.Median, r.Unit), Value(r.Measured.P95, r.Unit), Value(r.Measured.P99, r.Unit), Value(r.Measured.Max, r.Unit),
                b is null ? "-" : Value(b.Median, r.Unit), b is null ? "-" : Value(b.P99, r.Unit),
                r.Ratio is { } ratio ? string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}") + RatioMark(r.RatioBasis) : "-",
                r.GoalText ?? "-",
                r.GoalMet switch { true => "yes", false => "NO", null => "-" }));
        }
        text.AppendLine();
        foreach (var r in results.Where(r => r.Baseline is not null || r.Note is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {r.Scenario}: {r.Metric}");
            if (r.Baseline is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"; baseline = {r.Baseline}; ratio of {Goal.Label(r.RatioBasis)}s");
            }
            if (r.Note is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"; {r.Note}");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Row(params object?[] cells) => string.Format(CultureInfo.InvariantCulture, RowFormat, cells);

    private static string Value(double value, string unit) => string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {unit}");

    /// <summary>Marks ratios not taken on medians, so the table cannot be misread.</summary>
    private static string RatioMark(RatioBasis basis) => basis == RatioBasis.Median ? "" : "*";
}
