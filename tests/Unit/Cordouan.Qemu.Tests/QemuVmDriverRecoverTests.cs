using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Qemu.Tests;

/// <summary>Re-attaching to VMs after the driver (the daemon) went away.</summary>
[Trait("Requires", "qemu")]
public sealed class QemuVmDriverRecoverTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecoverAsync_NewDriverOverSameRunDirectory_FindsRunningVmAndStopsIt()
    {
        Requirements.Qemu();
        Requirements.QemuImg();
        await using var harness = new QemuHarness();
        var first = harness.NewDriver();
        var spec = await harness.GuestSpecAsync(new VmId(200), Token);
        var started = await first.StartAsync(spec, Token);
        var stale = Path.Combine(harness.Options.RunDirectory, "201");
        Directory.CreateDirectory(stale);
        await File.WriteAllTextAsync(Path.Combine(stale, "qemu.pid"), "999999999\n", Token);
        await first.DisposeAsync();

        var second = harness.NewDriver();
        var recovered = await second.RecoverAsync(Token);

        var vm = Assert.Single(recovered);
        Assert.Equal(new VmRuntimeInfo(spec.VmId, started.Pid, VmRunState.Running, vm.StartedAt), vm);
        Assert.Equal(started.StartedAt, vm.StartedAt);
        Assert.False(Directory.Exists(stale));
        await using (var console = await SerialConsole.ConnectAsync(second.SerialSocketPath(spec.VmId), TimeSpan.FromSeconds(10), Token))
        {
            var beat = await console.WaitForHeartbeatAsync(0, QemuHarness.BootTimeout, Token);
            await console.WaitForHeartbeatAsync(beat, TimeSpan.FromSeconds(10), Token);
        }

        await second.StopAsync(spec.VmId, TimeSpan.FromSeconds(10), Token);

        Assert.Empty(harness.QemuProcesses());
        Assert.Null(await second.GetAsync(spec.VmId, Token));
    }

    [Fact]
    public async Task GetAsync_PausedVmStartedByEarlierDriver_AttachesWithoutRecover()
    {
        Requirements.Qemu();
        Requirements.QemuImg();
        await using var harness = new QemuHarness();
        var first = harness.NewDriver();
        var spec = await harness.GuestSpecAsync(new VmId(202), Token);
        var started = await first.StartAsync(spec with { StartPaused = true }, Token);
        await first.DisposeAsync();

        var second = harness.NewDriver();
        var info = await second.GetAsync(spec.VmId, Token);

        Assert.Equal(new VmRuntimeInfo(spec.VmId, started.Pid, VmRunState.Prelaunch, started.StartedAt), info);
        await second.StopAsync(spec.VmId, TimeSpan.FromSeconds(10), Token);
        Assert.Empty(harness.QemuProcesses());
    }
}
