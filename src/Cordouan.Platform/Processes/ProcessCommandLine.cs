using System.Globalization;

namespace Cordouan.Platform.Processes;

/// <summary>Reads <c>/proc/&lt;pid&gt;/cmdline</c>: how a pid from a pid file is told apart from a reused one.</summary>
public static class ProcessCommandLine
{
    /// <summary>The argv of <paramref name="pid"/>; empty when the process is gone or unreadable.</summary>
    public static string[] Read(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").TrimEnd('\0').Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
