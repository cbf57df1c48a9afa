using System.Text;
using Cordouan.Ceph.Config;
using Cordouan.Ceph.Osd;
using Cordouan.Platform.Files;
using Microsoft.Extensions.Logging;

namespace Cordouan.Ceph.Daemons;

/// <summary>
/// Runs this node's Ceph daemons under Ceph's own systemd units (<c>ceph-TYPE@ID.service</c>, which start
/// <c>ceph-TYPE -f --cluster ceph --id ID --setuser ceph --setgroup ceph</c>): <c>systemctl enable --now</c>, so
/// systemd restarts a crashed daemon (the units say Restart=on-failure) and starts it again at boot. The units run
/// the daemons as the ceph user, so their data dirs are handed to ceph:ceph first, as ceph-volume does.
/// </summary>
public sealed partial class SystemdCephUnits(CephTools tools, ILogger<SystemdCephUnits> logger) : ICephDaemonRunner
{
    private const string UnitDirectory = "/etc/systemd/system";
    private const string DropInName = "cordouan-device.conf";

    public static string Unit(CephDaemon daemon) => $"ceph-{daemon.Type}@{daemon.Id}.service";

    public async Task StartAsync(CephDaemon daemon, CancellationToken cancellationToken)
    {
        var unit = Unit(daemon);
        var dataDir = tools.Paths.DaemonData(daemon.Type, daemon.Id);
        // chown -R does not follow the OSD's "block" symlink; the device itself is handed over by the drop-in below.
        await tools.RunCheckedAsync(["chown", "-R", "ceph:ceph", dataDir], cancellationToken);
        if (daemon.Type == "osd" && BlockDevices.DeviceOf(dataDir) is { } device)
        {
            // ceph-volume's activation chowns the device at every boot (udev gives it back to root:disk); without
            // ceph-volume the unit does it itself before each start.
            var dropInDir = Path.Combine(UnitDirectory, unit + ".d");
            Directory.CreateDirectory(dropInDir);
            await AtomicFile.WriteAllTextAsync(Path.Combine(dropInDir, DropInName), DeviceDropIn(device), cancellationToken);
            await SystemctlAsync(["daemon-reload"], cancellationToken);
        }
        // A unit that hit its start limit earlier (a previous daemon of that id) would refuse to start.
        await SystemctlAsync(["reset-failed", unit], cancellationToken, check: false);
        // The instance is wanted by ceph-TYPE.target, which is wanted by ceph.target, which multi-user.target wants:
        // all three links are needed for the daemon to start at boot (install-deps.sh disables ceph.target).
        await SystemctlAsync(["enable", $"ceph-{daemon.Type}.target", "ceph.target"], cancellationToken);
        await SystemctlAsync(["enable", "--now", unit], cancellationToken);
        LogStarted(logger, unit);
    }

    public async Task StopAsync(CephDaemon daemon, CancellationToken cancellationToken)
    {
        var unit = Unit(daemon);
        await SystemctlAsync(["disable", "--now", unit], cancellationToken);
        var dropInDir = Path.Combine(UnitDirectory, unit + ".d");
        if (File.Exists(Path.Combine(dropInDir, DropInName)))
        {
            File.Delete(Path.Combine(dropInDir, DropInName));
            if (!Directory.EnumerateFileSystemEntries(dropInDir).Any())
            {
                Directory.Delete(dropInDir);
            }
            await SystemctlAsync(["daemon-reload"], cancellationToken);
        }
        LogStopped(logger, unit);
    }

    /// <summary>A drop-in whose ExecStartPre gives <paramref name="device"/> to ceph:ceph (quoted and %-escaped for systemd).</summary>
    public static string DeviceDropIn(string device)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in device)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '%' => "%%",
                _ => c.ToString(),
            });
        }
        quoted.Append('"');
        return $"# Written by cordouand: the OSD's device must belong to ceph before ceph-osd (--setuser ceph) opens it.\n[Service]\nExecStartPre=/bin/chown ceph:ceph {quoted}\n";
    }

    private async Task SystemctlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool check = true)
    {
        string[] argv = ["systemctl", .. arguments];
        if (check)
        {
            await tools.RunCheckedAsync(argv, cancellationToken);
        }
        else
        {
            await tools.RunAsync(argv, cancellationToken);
        }
    }
}
