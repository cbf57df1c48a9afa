using Cordouan.Platform.Systemd;
using Microsoft.Extensions.Logging;

namespace Cordouan.Daemon.Logging;

/// <summary>Where the daemon logs: the journal (native protocol) when systemd runs it with its output in the journal, else one line per entry on the console.</summary>
public static class DaemonLogging
{
    /// <summary>Read once at start, before the variable is removed so that child processes (with output of their own) do not inherit it.</summary>
    private static readonly bool ToJournal = DetectJournal();

    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        if (ToJournal)
        {
            logging.AddProvider(new JournalLoggerProvider());
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
        }
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    }

    private static bool DetectJournal()
    {
        var stream = Environment.GetEnvironmentVariable("JOURNAL_STREAM");
        Environment.SetEnvironmentVariable("JOURNAL_STREAM", null);
        return File.Exists(JournalLoggerProvider.SocketPath)
            && (JournalEntry.IsJournalStream(stream, FdLink(1)) || JournalEntry.IsJournalStream(stream, FdLink(2)));
    }

    private static string? FdLink(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
