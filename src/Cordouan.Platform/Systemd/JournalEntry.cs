using System.Buffers.Binary;
using System.Text;

namespace Cordouan.Platform.Systemd;

/// <summary>
/// One entry in the journal's native protocol (systemd.journal-fields): fields as <c>NAME=value\n</c>, or, for a value
/// holding a newline, <c>NAME\n</c>, its length as a little-endian 64-bit integer, the bytes and <c>\n</c>. Field names
/// are upper-case ASCII letters, digits and '_', not starting with '_' (trusted fields) or a digit, at most 64 long.
/// </summary>
public static class JournalEntry
{
    private const int MaxNameLength = 64;

    /// <summary>The datagram for <paramref name="fields"/> (names already valid: see <see cref="FieldName"/>).</summary>
    public static byte[] Encode(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[8];
        foreach (var (name, value) in fields)
        {
            if (FieldName(name) != name)
            {
                throw new ArgumentException($"'{name}' is not a journal field name", nameof(fields));
            }
            buffer.Write(Encoding.ASCII.GetBytes(name));
            var bytes = Encoding.UTF8.GetBytes(value);
            if (value.Contains('\n', StringComparison.Ordinal))
            {
                buffer.WriteByte((byte)'\n');
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)bytes.Length);
                buffer.Write(length);
            }
            else
            {
                buffer.WriteByte((byte)'=');
            }
            buffer.Write(bytes);
            buffer.WriteByte((byte)'\n');
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// <paramref name="name"/> as a journal field name: upper-cased, every other character '_', a leading '_' or digit
    /// prefixed with <c>F</c>, cut at 64 characters (<c>vmId</c> → <c>VMID</c>, <c>node-name</c> → <c>NODE_NAME</c>).
    /// </summary>
    public static string FieldName(string name)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            text.Append(c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? c : c is >= 'a' and <= 'z' ? char.ToUpperInvariant(c) : '_');
        }
        if (text.Length == 0 || text[0] is '_' or (>= '0' and <= '9'))
        {
            text.Insert(0, 'F');
        }
        return text.Length > MaxNameLength ? text.ToString(0, MaxNameLength) : text.ToString();
    }

    /// <summary>
    /// True when <c>$JOURNAL_STREAM</c> (<c>DEVICE:INODE</c> of the stream systemd connected to the journal) names
    /// the socket whose <c>/proc/self/fd</c> link is <paramref name="fdLink"/> (<c>socket:[INODE]</c>): then this
    /// process's output really goes to the journal (not to a pipe a child was given).
    /// </summary>
    public static bool IsJournalStream(string? journalStream, string? fdLink)
    {
        if (journalStream?.Split(':') is not [{ Length: > 0 }, { Length: > 0 } inode] || !inode.All(char.IsAsciiDigit))
        {
            return false;
        }
        return fdLink == $"socket:[{inode}]";
    }
}
