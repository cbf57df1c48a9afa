using System.Globalization;
using System.Text.Json;

namespace Cordouan.Cli.Infrastructure;

/// <summary>Human-readable renderings of API values for text output.</summary>
public static class Formatting
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary><c>1536</c> → <c>1.5 KiB</c>; null → empty.</summary>
    public static string Bytes(long? bytes)
    {
        if (bytes is null)
        {
            return string.Empty;
        }
        double value = bytes.Value;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes.Value} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {Units[unit]}");
    }

    /// <summary>Seconds → <c>2d 03:04:05</c>; null or 0 → empty.</summary>
    public static string Duration(long? seconds)
    {
        if (seconds is null or <= 0)
        {
            return string.Empty;
        }
        var span = TimeSpan.FromSeconds(seconds.Value);
        return span.Days > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{span.Days}d {span:hh\\:mm\\:ss}")
            : span.ToString("hh\\:mm\\:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>A 0..1 fraction → <c>12.5%</c>.</summary>
    public static string Percent(double? fraction) =>
        fraction is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{fraction.Value * 100:0.#}%");

    /// <summary>Unix seconds → local <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public static string UnixTime(long? seconds) =>
        seconds is null or <= 0
            ? string.Empty
            : DateTimeOffset.FromUnixTimeSeconds(seconds.Value).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        null => string.Empty,
    };

    public static string Number(double? value) =>
        value is null ? string.Empty : value.Value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A config value as PVE means it: strings unquoted, numbers as written.</summary>
    public static string JsonValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        _ => value.GetRawText(),
    };
}
