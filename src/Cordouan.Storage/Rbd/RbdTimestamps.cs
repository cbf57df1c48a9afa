using System.Globalization;

namespace Cordouan.Storage.Rbd;

/// <summary>Parses the timestamps <c>rbd info</c> prints (C's asctime form, in the node's local time: <c>Wed Nov  5 22:53:01 2026</c>).</summary>
public static class RbdTimestamps
{
    public static DateTimeOffset? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // asctime pads a one-digit day with a space; collapse runs of spaces before the exact parse.
        var normalized = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return DateTime.TryParseExact(normalized, "ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local)
            ? new DateTimeOffset(local)
            : null;
    }
}
