using System.Globalization;
using Cordouan.Core.Ids;
using Cordouan.Platform.Processes;

namespace Cordouan.Qemu.Supervisor;

/// <summary>
/// On a host where systemd is PID 1, each VM's QEMU runs in a scope of its own, <c>qemu.slice/&lt;vmid&gt;.scope</c> as in
/// Proxmox: outside cordouand.service's cgroup (stopping, restarting or killing the daemon never touches it) and with
/// per-VM CPU, memory and IO accounting. <c>systemd-run --scope</c> moves itself into the new scope and execs QEMU,
/// whose daemonized process stays there. Like Proxmox, the scope only asks for SIGTERM of its main process and never
/// SIGKILL when it is stopped, and is ordered before the daemon's units, so that at host shutdown they stop first.
/// </summary>
internal static class QemuScope
{
    public const string Slice = "qemu.slice";

    /// <summary>Bound on clearing a scope a previous run left behind.</summary>
    private static readonly TimeSpan ClearTimeout = TimeSpan.FromSeconds(20);

    public static string UnitName(VmId vmId) => vmId.Value.ToString(CultureInfo.InvariantCulture) + ".scope";

    /// <summary><paramref name="qemuArgv"/> run in the VM's scope.</summary>
    public static IReadOnlyList<string> Wrap(VmId vmId, IReadOnlyList<string> qemuArgv) =>
    [
        "systemd-run", "--scope", "--quiet", "--collect",
        "--slice=" + Slice,
        "--unit=" + UnitName(vmId),
        "--description=Cordouan VM " + vmId.Value.ToString(CultureInfo.InvariantCulture),
        "--property=KillMode=process",
        "--property=SendSIGKILL=no",
        "--property=TimeoutStopSec=infinity",
        "--property=Before=cordouand.service cordouan-guests.service",
        "--",
        .. qemuArgv,
    ];

    /// <summary>
    /// The <c>systemctl</c> commands that clear a scope of the same name left by an earlier run (failed, or still
    /// holding a process): a new one of that name could not be created otherwise. Run only for a VM known not to run.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> ClearCommands(VmId vmId) =>
    [
        ["systemctl", "reset-failed", UnitName(vmId)],
        ["systemctl", "stop", UnitName(vmId)],
        ["systemctl", "reset-failed", UnitName(vmId)],
    ];

    /// <summary>Runs <see cref="ClearCommands"/>; their failures ("not loaded") are the normal case and are ignored.</summary>
    public static async Task ClearAsync(VmId vmId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ClearTimeout);
        var runner = new ProcessRunner();
        try
        {
            foreach (var command in ClearCommands(vmId))
            {
                await runner.RunAsync(command, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A scope that does not stop in time: systemd-run then says why the VM cannot start.
        }
    }
}
