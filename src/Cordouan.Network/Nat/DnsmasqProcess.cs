using System.Globalization;

namespace Cordouan.Network.Nat;

/// <summary>Finds a NAT bridge's dnsmasq through its pid file and <c>/proc</c> (it is not our child once daemonized).</summary>
internal static class DnsmasqProcess
{
    /// <summary>The pid and command line of the dnsmasq that owns <paramref name="pidFile"/>, or null when none runs.</summary>
    public static (int Pid, IReadOnlyList<string> Argv)? FindRunning(string pidFile)
    {
        string text;
        try
        {
            text = File.ReadAllText(pidFile).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !IsAlive(pid))
        {
            return null;
        }
        var argv = ReadCommandLine(pid);
        // A reused pid never passes for ours: the process must be a dnsmasq writing this very pid file.
        return argv.Length > 0 && Path.GetFileName(argv[0]) == "dnsmasq" && argv.Contains($"--pid-file={pidFile}") ? (pid, argv) : null;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..];
            return state.Length > 0 && state[0] is not ('Z' or 'X' or 'x');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string[] ReadCommandLine(int pid)
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
