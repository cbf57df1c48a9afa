using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon.Logging;

/// <summary>One category's logger for <see cref="JournalLoggerProvider"/>: MESSAGE, PRIORITY, the category and event, and every named value of the message template as a field.</summary>
internal sealed class JournalLogger(string category, JournalLoggerProvider provider) : ILogger
{
    /// <summary>Bound on one text field: the journal's datagrams are limited in size (a larger entry would need a memfd).</summary>
    private const int MaxTextLength = 32 * 1024;

    private static readonly HashSet<string> OwnFields = new(StringComparer.Ordinal)
    {
        "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "LOGGER", "EVENT_ID", "EVENT_NAME", "EXCEPTION", "MESSAGE_ID", "CODE_FILE", "CODE_LINE", "CODE_FUNC",
    };

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }
        provider.Send(Fields(category, logLevel, eventId, state as IReadOnlyList<KeyValuePair<string, object?>>, formatter(state, exception), exception));
    }

    /// <summary>The journal fields of one entry (pure: what <see cref="Log"/> sends).</summary>
    internal static List<KeyValuePair<string, string>> Fields(
        string category, LogLevel level, EventId eventId, IReadOnlyList<KeyValuePair<string, object?>>? values, string message, Exception? exception)
    {
        var text = exception is null ? message : $"{message}: {exception.Message}";
        List<KeyValuePair<string, string>> fields =
        [
            new("MESSAGE", Cut(text)),
            new("PRIORITY", Priority(level).ToString(CultureInfo.InvariantCulture)),
            new("SYSLOG_IDENTIFIER", "cordouand"),
            new("LOGGER", category),
        ];
        if (eventId.Id != 0)
        {
            fields.Add(new("EVENT_ID", eventId.Id.ToString(CultureInfo.InvariantCulture)));
        }
        if (eventId.Name is { Length: > 0 } name)
        {
            fields.Add(new("EVENT_NAME", name));
        }
        if (exception is not null)
        {
            fields.Add(new("EXCEPTION", Cut(exception.ToString())));
        }
        foreach (var (key, value) in values ?? [])
        {
            if (key == "{OriginalFormat}" || value is null)
            {
                continue;
            }
            var field = Platform.Systemd.JournalEntry.FieldName(key);
            fields.Add(new(OwnFields.Contains(field) ? "ARG_" + field : field, Cut(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")));
        }
        return fields;
    }

    /// <summary>syslog priorities: 2 crit, 3 err, 4 warning, 6 info, 7 debug.</summary>
    internal static int Priority(LogLevel level) => level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    private static string Cut(string text) => text.Length > MaxTextLength ? text[..MaxTextLength] + "…" : text;
}
