using System.Globalization;
using System.Text;

namespace Cordouan.Access.Audit;

/// <summary>
/// Text of the syslog records cordouand writes: Proxmox's login failure message, and the RFC 3164 datagram a local
/// syslog socket (<c>/dev/log</c>) takes, <c>&lt;PRI&gt;Mmm dd hh:mm:ss tag[pid]: message</c>.
/// </summary>
public static class SyslogLine
{
    /// <summary>Facility daemon (3) and severity err (3), what Proxmox's daemons log login failures with.</summary>
    public const int DaemonError = (3 * 8) + 3;

    private const int MaxFieldLength = 256;

    /// <summary>
    /// <c>authentication failure; rhost=&lt;ip&gt; user=&lt;user&gt; msg=&lt;reason&gt;</c>, the line fail2ban filters for Proxmox
    /// match. Client-chosen text (the user name, a reason quoting it) has its control characters replaced and is cut at
    /// 256 characters, so it can neither start a record of its own nor flood the log.
    /// </summary>
    public static string AuthenticationFailure(string rhost, string user, string reason) =>
        $"authentication failure; rhost={Clean(rhost)} user={Clean(user)} msg={Clean(reason)}";

    /// <summary>One RFC 3164 record; the timestamp is local time, as syslog(3) writes it.</summary>
    public static string Format(int priority, DateTimeOffset localTime, string tag, int pid, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"<{priority}>{Timestamp(localTime)} {tag}[{pid}]: {message}");

    // "Jan  5 09:04:03": English month, day padded with a space.
    private static string Timestamp(DateTimeOffset time) =>
        time.ToString("MMM", CultureInfo.InvariantCulture) + " "
        + time.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) + " "
        + time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Clean(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxFieldLength));
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, MaxFieldLength)))
        {
            builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' || char.IsSurrogate(c) ? '?' : c);
        }
        return builder.ToString();
    }
}
