namespace Cordouan.Ceph.Daemons;

/// <summary>
/// Starts and stops this node's Ceph daemons once their data dir is ready: <see cref="CephDaemonSupervisor"/>
/// without systemd, <see cref="SystemdCephUnits"/> (Ceph's own units) with it. Chosen once at startup.
/// </summary>
public interface ICephDaemonRunner
{
    /// <summary>Makes the daemon wanted (also after a reboot) and starts it; throws when it cannot be started.</summary>
    Task StartAsync(CephDaemon daemon, CancellationToken cancellationToken);

    /// <summary>Stops wanting the daemon and stops it.</summary>
    Task StopAsync(CephDaemon daemon, CancellationToken cancellationToken);
}
