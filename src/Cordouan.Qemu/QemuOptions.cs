using Cordouan.Core.Vms;

namespace Cordouan.Qemu;

/// <summary>How this node runs QEMU.</summary>
public sealed record QemuOptions
{
    /// <summary>Root of the per-VM run directories (<c>&lt;root&gt;/&lt;vmid&gt;/qmp.sock</c>...).</summary>
    public string RunDirectory { get; init; } = "/run/cordouan/qemu";

    public string QemuBinary { get; init; } = "qemu-system-x86_64";

    /// <summary>Auto defers to the VM's spec and then probes KVM; Kvm or Tcg forces it for every VM on this node.</summary>
    public Accelerator Accelerator { get; init; } = Accelerator.Auto;

    /// <summary>
    /// Start each QEMU in its own systemd scope (<c>qemu.slice/&lt;vmid&gt;.scope</c>); by default when systemd is PID 1.
    /// Without systemd, QEMU daemonizes into a session of its own, which outlives the daemon just as well.
    /// </summary>
    public bool SystemdScopes { get; init; } = Platform.Systemd.SystemdHost.IsBooted;

    /// <summary>How long QEMU may take to open its images and daemonize.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on the QMP handshake and on each QMP command.</summary>
    public TimeSpan MonitorTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the process to vanish after SIGKILL.</summary>
    public TimeSpan KillTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
