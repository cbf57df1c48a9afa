using System.Globalization;
using Cordouan.Platform.Processes;

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
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || ProcessStat.TryRead(pid) is not { IsRunning: true })
        {
            return null;
        }
        var argv = ProcessCommandLine.Read(pid);
        // A reused pid never passes for ours: the process must be a dnsmasq writing this very pid file.
        return argv.Length > 0 && Path.GetFileName(argv[0]) == "dnsmasq" && argv.Contains($"--pid-file={pidFile}") ? (pid, argv) : null;
    }
}
