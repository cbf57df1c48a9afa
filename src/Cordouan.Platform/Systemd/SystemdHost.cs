namespace Cordouan.Platform.Systemd;

/// <summary>Facts about the host's init system.</summary>
public static class SystemdHost
{
    /// <summary>systemd's own test (sd_booted): <c>/run/systemd/system</c> exists only while systemd is PID 1.</summary>
    public static bool IsBooted => Directory.Exists("/run/systemd/system");
}
