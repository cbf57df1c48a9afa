using System.Globalization;

namespace Cordouan.Platform.Processes;

/// <summary>Reads <c>/proc/&lt;pid&gt;/stat</c>; works for processes that are not our children.</summary>
public static class ProcessStat
{
    public static ProcessSnapshot? TryRead(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return Parse(pid, stat);
    }

    /// <summary>Parses a stat line; the command name (field 2) may contain spaces and parentheses, so fields start after the last ')'.</summary>
    public static ProcessSnapshot? Parse(int pid, string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length)
        {
            return null;
        }
        var fields = stat[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); start time is field 22.
        if (fields.Length < 20 || fields[0].Length != 1 || !long.TryParse(fields[19], CultureInfo.InvariantCulture, out var startTicks))
        {
            return null;
        }
        return new ProcessSnapshot(pid, fields[0][0], startTicks);
    }

    public static bool IsRunning(int pid, long startTicks) =>
        TryRead(pid) is { IsRunning: true } snapshot && snapshot.StartTicks == startTicks;
}
