using Cordouan.Platform.Processes;
using Cordouan.Core.Ids;
using Cordouan.Qemu.CommandLine;
using Cordouan.Qemu.Supervisor;
using Xunit;

namespace Cordouan.Qemu.Tests.Supervisor;

public sealed class ProcFsTests
{
    [Fact]
    public void Parse_CommandNameWithSpacesAndParens_ReadsStateAndStartTicks()
    {
        const string stat = "4242 (qemu (vm) 1) S 1 4241 4241 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 3 0 987654 100000 500 18446744073709551615";

        var snapshot = ProcessStat.Parse(4242, stat);

        Assert.Equal(new ProcessSnapshot(4242, 'S', 987654), snapshot);
        Assert.True(snapshot!.IsRunning);
    }

    [Fact]
    public void Parse_Zombie_IsNotRunning()
    {
        var snapshot = ProcessStat.Parse(7, "7 (qemu-system-x86) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 55 0 0 0");

        Assert.False(snapshot!.IsRunning);
    }

    [Fact]
    public void TryRead_OwnProcess_MatchesItself()
    {
        var snapshot = ProcessStat.TryRead(Environment.ProcessId);

        Assert.NotNull(snapshot);
        Assert.True(ProcessStat.IsRunning(Environment.ProcessId, snapshot.StartTicks));
        Assert.False(ProcessStat.IsRunning(Environment.ProcessId, snapshot.StartTicks + 1));
        Assert.InRange(ProcFs.StartTime(snapshot.StartTicks), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public void IsQemuFor_RequiresQemuBinaryAndThisVmsQmpSocket()
    {
        var paths = QemuRunPaths.For("/run/cordouan/qemu", new VmId(100));
        var other = QemuRunPaths.For("/run/cordouan/qemu", new VmId(101));

        Assert.True(ProcFs.IsQemuFor(["/usr/bin/qemu-system-x86_64", "-name", "a", "-qmp", paths.QmpArgument], paths));
        Assert.False(ProcFs.IsQemuFor(["qemu-system-x86_64", "-qmp", other.QmpArgument], paths));
        Assert.False(ProcFs.IsQemuFor(["/usr/bin/sleep", "-qmp", paths.QmpArgument], paths));
        Assert.False(ProcFs.IsQemuFor([], paths));
    }
}
