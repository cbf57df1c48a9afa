using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cordouan.Testing.Prometheus;

/// <summary>
/// A strict reader of Prometheus' text format 0.0.4, independent of any writer: every line must be a HELP, a TYPE or a
/// sample; a family's HELP and TYPE come once, before its samples, and its samples are contiguous; label values use only
/// the \\, \" and \n escapes; no sample repeats; histogram buckets are cumulative and end with +Inf equal to _count.
/// Throws <see cref="FormatException"/> naming the line on anything else.
/// </summary>
public static partial class PrometheusParser
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition does not end with a line feed");
        }
        var families = new Dictionary<string, (string? Type, string? Help, List<PrometheusSample> Samples)>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length - 1; n++)
        {
            var line = lines[n];
            var where = $"line {n + 1} '{line}'";
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var rest = line[7..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                var name = space < 0 ? rest : rest[..space];
                var value = space < 0 ? "" : rest[(space + 1)..];
                if (!MetricName().IsMatch(name))
                {
                    throw new FormatException($"{where}: bad metric name");
                }
                if (current != name && families.TryGetValue(name, out var earlier) && earlier.Samples.Count > 0)
                {
                    throw new FormatException($"{where}: metadata after the family's samples");
                }
                current = name;
                var family = families.TryGetValue(name, out var f) ? f : (null, null, new List<PrometheusSample>());
                if (line[2] == 'H')
                {
                    if (family.Help is not null)
                    {
                        throw new FormatException($"{where}: second HELP");
                    }
                    family.Help = UnescapeHelp(value, where);
                }
                else
                {
                    if (family.Type is not null || !Types.Contains(value))
                    {
                        throw new FormatException($"{where}: second or unknown TYPE");
                    }
                    family.Type = value;
                }
                families[name] = family;
                continue;
            }
            if (line.StartsWith('#'))
            {
                continue;
            }
            var sample = ParseSample(line, where);
            var owner = FamilyOf(sample.Name, families);
            if (owner != current && families.TryGetValue(owner, out var known) && known.Samples.Count > 0)
            {
                throw new FormatException($"{where}: family '{owner}' is not contiguous");
            }
            current = owner;
            var key = sample.Name + "{" + string.Join(',', sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            if (!seen.Add(key))
            {
                throw new FormatException($"{where}: duplicate sample");
            }
            var entry = families.TryGetValue(owner, out var e) ? e : (null, null, new List<PrometheusSample>());
            entry.Samples.Add(sample);
            families[owner] = entry;
        }
        var result = families.ToDictionary(f => f.Key, f => new PrometheusFamily(f.Key, f.Value.Type ?? "untyped", f.Value.Help ?? "", f.Value.Samples), StringComparer.Ordinal);
        foreach (var family in result.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family);
        }
        return result;
    }

    private static string FamilyOf(string sample, Dictionary<string, (string? Type, string? Help, List<PrometheusSample> Samples)> families)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sample.EndsWith(suffix, StringComparison.Ordinal) && families.TryGetValue(sample[..^suffix.Length], out var f) && f.Type is "histogram" or "summary")
            {
                return sample[..^suffix.Length];
            }
        }
        return sample;
    }

    private static PrometheusSample ParseSample(string line, string where)
    {
        var match = SampleLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"{where}: not a sample");
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var body = match.Groups["labels"].Value;
        var i = 0;
        while (i < body.Length)
        {
            var eq = body.IndexOf("=\"", i, StringComparison.Ordinal);
            if (eq < 0)
            {
                throw new FormatException($"{where}: bad label");
            }
            var name = body[i..eq];
            if (!LabelName().IsMatch(name))
            {
                throw new FormatException($"{where}: bad label name '{name}'");
            }
            var value = new StringBuilder();
            var j = eq + 2;
            for (; j < body.Length && body[j] != '"'; j++)
            {
                if (body[j] == '\\')
                {
                    j++;
                    value.Append(j < body.Length ? body[j] switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        _ => throw new FormatException($"{where}: bad escape in label value"),
                    } : throw new FormatException($"{where}: unterminated escape"));
                }
                else
                {
                    value.Append(body[j]);
                }
            }
            if (j >= body.Length)
            {
                throw new FormatException($"{where}: unterminated label value");
            }
            if (!labels.TryAdd(name, value.ToString()))
            {
                throw new FormatException($"{where}: label '{name}' twice");
            }
            i = j + 1;
            if (i < body.Length)
            {
                if (body[i] != ',')
                {
                    throw new FormatException($"{where}: expected ',' between labels");
                }
                i++;
            }
        }
        return new PrometheusSample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value, where));
    }

    private static double ParseValue(string text, string where) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new FormatException($"{where}: bad value '{text}'"),
    };

    private static string UnescapeHelp(string text, string where)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }
            i++;
            result.Append(i < text.Length ? text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                _ => throw new FormatException($"{where}: bad escape in HELP"),
            } : throw new FormatException($"{where}: unterminated escape"));
        }
        return result.ToString();
    }

    private static void CheckHistogram(PrometheusFamily family)
    {
        foreach (var group in family.Samples.GroupBy(s => string.Join(',', s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))))
        {
            var buckets = group.Where(s => s.Name == family.Name + "_bucket").ToList();
            var count = group.SingleOrDefault(s => s.Name == family.Name + "_count") ?? throw new FormatException($"histogram {family.Name} {{{group.Key}}} has no _count");
            _ = group.SingleOrDefault(s => s.Name == family.Name + "_sum") ?? throw new FormatException($"histogram {family.Name} {{{group.Key}}} has no _sum");
            if (buckets.Count == 0 || buckets.Any(b => !b.Labels.ContainsKey("le")) || buckets[^1].Labels["le"] != "+Inf" || buckets[^1].Value != count.Value)
            {
                throw new FormatException($"histogram {family.Name} {{{group.Key}}}: buckets must end with le=\"+Inf\" equal to _count");
            }
            for (var i = 1; i < buckets.Count; i++)
            {
                if (ParseValue(buckets[i].Labels["le"], family.Name) <= ParseValue(buckets[i - 1].Labels["le"], family.Name) || buckets[i].Value < buckets[i - 1].Value)
                {
                    throw new FormatException($"histogram {family.Name} {{{group.Key}}}: buckets not increasing and cumulative");
                }
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( -?[0-9]+)?$""")]
    private static partial Regex SampleLine();
}
