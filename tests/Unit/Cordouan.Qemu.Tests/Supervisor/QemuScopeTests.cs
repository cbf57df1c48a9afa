using Cordouan.Core.Ids;
using Cordouan.Qemu.Supervisor;
using Xunit;

namespace Cordouan.Qemu.Tests.Supervisor;

public sealed class QemuScopeTests
{
    [Fact]
    public void Wrap_QemuArgv_RunsItUnchangedAfterSystemdRunInTheVmsScopeOfQemuSlice()
    {
        string[] qemu = ["qemu-system-x86_64", "-name", "guest 7", "-daemonize"];

        var argv = QemuScope.Wrap(new VmId(107), qemu);

        Assert.Equal(["systemd-run", "--scope"], argv.Take(2));
        Assert.Contains("--slice=qemu.slice", argv);
        Assert.Contains("--unit=107.scope", argv);
        // systemd-run's own line ("Running scope as unit …") would land in qemu.log and in start errors.
        Assert.Contains("--quiet", argv);
        // Stopping the scope (host shutdown, a stale scope cleared) never SIGKILLs QEMU, as in Proxmox.
        Assert.Contains("--property=KillMode=process", argv);
        Assert.Contains("--property=SendSIGKILL=no", argv);
        var separator = argv.ToList().IndexOf("--");
        Assert.Equal(qemu, argv.Skip(separator + 1));
        // Only systemd-run's own options before "--": QEMU's argv is never parsed by it.
        Assert.All(argv.Skip(1).Take(separator - 1), a => Assert.StartsWith("--", a, StringComparison.Ordinal));
    }

    [Fact]
    public void ClearCommands_StaleScope_ResetsFailedStopsThenResetsAgain()
    {
        var commands = QemuScope.ClearCommands(new VmId(100));

        string[] expected = ["systemctl reset-failed 100.scope", "systemctl stop 100.scope", "systemctl reset-failed 100.scope"];
        Assert.Equal(expected, commands.Select(c => string.Join(' ', c)));
    }

    [Fact]
    public void UnitName_Vmid_IsProxmoxsScopeName() => Assert.Equal("999999999.scope", QemuScope.UnitName(new VmId(999999999)));
}
