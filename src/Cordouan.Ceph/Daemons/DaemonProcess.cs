using System.Globalization;
using Cordouan.Platform.Processes;

namespace Cordouan.Ceph.Daemons;

/// <summary>Finds a running Ceph daemon through its pidfile and <c>/proc</c> (works for daemons we did not start).</summary>
internal static class DaemonProcess
{
    /// <summary>The daemon's pid when its pidfile names a live process running that daemon with our ceph.conf.</summary>
    public static int? FindRunning(string pidFile, CephDaemon daemon, string conf)
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
        return Matches(ProcessCommandLine.Read(pid), daemon, conf) ? pid : null;
    }

    /// <summary>True when argv is <c>ceph-TYPE … -c CONF … -i ID</c>: a reused pid never passes for our daemon.</summary>
    public static bool Matches(IReadOnlyList<string> argv, CephDaemon daemon, string conf)
    {
        if (argv.Count == 0 || Path.GetFileName(argv[0]) != daemon.Program)
        {
            return false;
        }
        bool hasConf = false, hasId = false;
        for (var i = 1; i + 1 < argv.Count; i++)
        {
            hasConf |= argv[i] == "-c" && argv[i + 1] == conf;
            hasId |= argv[i] == "-i" && argv[i + 1] == daemon.Id;
        }
        return hasConf && hasId;
    }
}
