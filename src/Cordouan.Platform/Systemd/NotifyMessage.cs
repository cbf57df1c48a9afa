using System.Text;

namespace Cordouan.Platform.Systemd;

/// <summary>
/// The sd_notify wire format: one datagram of newline-separated <c>KEY=value</c> assignments (READY=1, STOPPING=1,
/// STATUS=…). Keys are upper-case ASCII letters, digits and '_'; a value is one line.
/// </summary>
public static class NotifyMessage
{
    public static byte[] Encode(IReadOnlyList<KeyValuePair<string, string>> assignments)
    {
        ArgumentOutOfRangeException.ThrowIfZero(assignments.Count);
        var text = new StringBuilder();
        foreach (var (key, value) in assignments)
        {
            if (key.Length == 0 || !key.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                throw new ArgumentException($"'{key}' is not an sd_notify key (A-Z, 0-9, '_')", nameof(assignments));
            }
            // A newline would start another assignment: a status text is folded onto one line.
            text.Append(key).Append('=').Append(value.ReplaceLineEndings(" ")).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// The socket named by <c>$NOTIFY_SOCKET</c>: an absolute path, or an abstract name written with a leading '@'
    /// (the NUL byte of the abstract namespace). Null for anything else (unset, relative, vsock).
    /// </summary>
    public static string? SocketAddress(string? notifySocket) => notifySocket switch
    {
        null or "" or "@" => null,
        ['@', .. var name] => "\0" + name,
        ['/', ..] => notifySocket,
        _ => null,
    };
}
