namespace Cordouan.Ceph;

/// <summary>Resolves <see cref="CephServiceManager.Auto"/> at startup.</summary>
public static class CephServiceManagers
{
    /// <summary>True when systemd is this system's PID 1: the test sd_booted(3) makes (systemd creates the directory at boot).</summary>
    public static bool SystemdBooted(string runDirectory = "/run") => Directory.Exists(Path.Combine(runDirectory, "systemd", "system"));

    public static CephServiceManager Resolve(CephServiceManager requested) => requested switch
    {
        CephServiceManager.Auto => SystemdBooted() ? CephServiceManager.Systemd : CephServiceManager.Cordouand,
        _ => requested,
    };
}
