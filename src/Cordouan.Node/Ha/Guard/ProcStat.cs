using System.Globalization;

namespace Cordouan.Node.Ha.Guard;

/// <summary>Reads <c>/proc/&lt;pid&gt;/stat</c>.</summary>
internal static class ProcStat
{
    /// <summary>The process start time in clock ticks since boot (field 22), or null when there is no such process.</summary>
    public static long? StartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // "pid (comm) state ppid ...": comm may hold spaces, so fields are counted after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
