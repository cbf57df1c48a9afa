using Cordouan.Core.Errors;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Qemu.Tests;

/// <summary>The driver against real QEMU (TCG) and the test guest; each test boots its own VM.</summary>
[Trait("Requires", "qemu")]
public sealed class QemuVmDriverTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static void RequireQemu()
    {
        Requirements.Qemu();
        Requirements.QemuImg();
    }

    [Fact]
    public async Task StartAsync_TestGuest_BootsHeartbeatsAndStops()
    {
        RequireQemu();
        await using var harness = new QemuHarness();
        var driver = harness.NewDriver();
        var spec = await harness.GuestSpecAsync(new VmId(100), Token);

        var info = await driver.StartAsync(spec, Token);
        await using var console = await SerialConsole.ConnectAsync(driver.SerialSocketPath(spec.VmId), TimeSpan.FromSeconds(10), Token);
        var up = await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), QemuHarness.BootTimeout, Token);
        var first = await console.WaitForHeartbeatAsync(0, TimeSpan.FromSeconds(10), Token);
        var later = await console.WaitForHeartbeatAsync(first + 2, TimeSpan.FromSeconds(10), Token);

        Assert.Equal(VmRunState.Running, info.State);
        Assert.Contains("disk=vda", up, StringComparison.Ordinal);
        Assert.True(later > first);
        Assert.Equal([info.Pid], harness.QemuProcesses());
        Assert.NotEqual(SessionId(Environment.ProcessId), SessionId(info.Pid));
        Assert.True(File.Exists(Path.Combine(harness.Options.RunDirectory, "100", "handle.json")));

        await driver.StopAsync(spec.VmId, StopTimeout, Token);

        Assert.Null(await driver.GetAsync(spec.VmId, Token));
        Assert.Empty(harness.QemuProcesses());
        Assert.False(Directory.Exists(Path.Combine(harness.Options.RunDirectory, "100")));
    }

    [Fact]
    public async Task StartAsync_MissingImage_ThrowsQemuErrorAndLeavesNoProcess()
    {
        RequireQemu();
        await using var harness = new QemuHarness();
        var driver = harness.NewDriver();
        var spec = await harness.GuestSpecAsync(new VmId(101), Token);
        var missing = harness.Combine("does-not-exist.qcow2");
        spec = spec with { Drives = [spec.Drives[0] with { Path = missing }] };

        var error = await Assert.ThrowsAsync<ExternalCommandException>(() => driver.StartAsync(spec, Token));

        Assert.StartsWith("Failed to start VM 101: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.QemuProcesses());
        Assert.Null(await driver.GetAsync(spec.VmId, Token));
    }

    [Fact]
    public async Task ResetAsync_RunningGuest_PrintsGuestUpAgainWithPersistedCount()
    {
        RequireQemu();
        await using var harness = new QemuHarness();
        var driver = harness.NewDriver();
        var spec = await harness.GuestSpecAsync(new VmId(102), Token);
        await driver.StartAsync(spec, Token);
        await using var console = await SerialConsole.ConnectAsync(driver.SerialSocketPath(spec.VmId), TimeSpan.FromSeconds(10), Token);
        await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), QemuHarness.BootTimeout, Token);
        var beforeReset = await console.WaitForHeartbeatAsync(2, TimeSpan.FromSeconds(10), Token);
        var mark = console.LineCount;

        await driver.ResetAsync(spec.VmId, Token);
        var again = await console.WaitForLineAsync(
            "GUEST-UP after the reset", l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), mark, QemuHarness.BootTimeout, Token);

        var start = int.Parse(again.Split(' ').Single(p => p.StartsWith("start=", StringComparison.Ordinal))[6..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(start, beforeReset - 1, int.MaxValue);
        await driver.StopAsync(spec.VmId, StopTimeout, Token);
    }

    [Fact]
    public async Task ShutdownAsync_GuestHandlesPowerButton_ProcessExits()
    {
        RequireQemu();
        await using var harness = new QemuHarness();
        var driver = harness.NewDriver();
        var spec = await harness.GuestSpecAsync(new VmId(103), Token);
        await driver.StartAsync(spec, Token);
        await using var console = await SerialConsole.ConnectAsync(driver.SerialSocketPath(spec.VmId), TimeSpan.FromSeconds(10), Token);
        await console.WaitForLineAsync(l => l.StartsWith("GUEST-UP", StringComparison.Ordinal), QemuHarness.BootTimeout, Token);

        var exited = await driver.ShutdownAsync(spec.VmId, TimeSpan.FromSeconds(30), Token);

        Assert.True(exited);
        Assert.Contains("GUEST-POWERDOWN", console.Lines);
        Assert.Null(await driver.GetAsync(spec.VmId, Token));
        Assert.Empty(harness.QemuProcesses());
    }

    [Fact]
    public async Task PauseResumeResizeSnapshot_RunningVm_ApplyWithoutRestart()
    {
        RequireQemu();
        await using var harness = new QemuHarness();
        var driver = harness.NewDriver();
        var spec = await harness.GuestSpecAsync(new VmId(104), Token);
        var started = await driver.StartAsync(spec, Token);

        await driver.PauseAsync(spec.VmId, Token);
        var paused = await driver.GetAsync(spec.VmId, Token);
        await driver.ResumeAsync(spec.VmId, Token);
        var resumed = await driver.GetAsync(spec.VmId, Token);
        await driver.SnapshotDriveAsync(spec.VmId, "virtio0", "before", Token);
        await driver.ResizeDriveAsync(spec.VmId, "virtio0", 128L << 20, Token);
        var info = (await new Platform.Processes.ProcessRunner().RunCheckedAsync(
            ["qemu-img", "info", "-U", "--output=json", spec.Drives[0].Path!], Token)).StandardOutput;
        await driver.DeleteDriveSnapshotAsync(spec.VmId, "virtio0", "before", Token);
        var missing = await Assert.ThrowsAsync<CordouanException>(
            () => driver.ResizeDriveAsync(spec.VmId, "virtio9", 1L << 30, Token));

        Assert.Equal(VmRunState.Paused, paused!.State);
        Assert.Equal(new VmRuntimeInfo(spec.VmId, started.Pid, VmRunState.Running, started.StartedAt), resumed);
        Assert.Contains("\"virtual-size\": 134217728", info, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"before\"", info, StringComparison.Ordinal);
        Assert.StartsWith("Failed to resize drive virtio9 of VM 104: ", missing.Message, StringComparison.Ordinal);
        await driver.StopAsync(spec.VmId, StopTimeout, Token);
    }

    [Fact]
    public async Task StopAsync_QemuIgnoresQuit_KillsAfterTimeout()
    {
        RequireQemu();
        await using var harness = new QemuHarness();
        var driver = harness.NewDriver();
        var spec = await harness.GuestSpecAsync(new VmId(106), Token);
        var started = await driver.StartAsync(spec with { StartPaused = true }, Token);
        // A SIGSTOPped QEMU cannot answer QMP or exit by itself; only SIGKILL ends it.
        await new Platform.Processes.ProcessRunner().RunCheckedAsync(["kill", "-STOP", started.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], Token);

        await driver.StopAsync(spec.VmId, TimeSpan.FromSeconds(1), Token);

        Assert.Empty(harness.QemuProcesses());
        Assert.Null(await driver.GetAsync(spec.VmId, Token));
    }

    [Fact]
    public async Task ShutdownAsync_GuestIgnoresPowerButton_ReturnsFalseAndVmKeepsRunning()
    {
        RequireQemu();
        await using var harness = new QemuHarness();
        var driver = harness.NewDriver();
        var spec = await harness.GuestSpecAsync(new VmId(107), Token);
        // A guest whose vCPUs never ran cannot react to ACPI.
        var started = await driver.StartAsync(spec with { StartPaused = true }, Token);

        var exited = await driver.ShutdownAsync(spec.VmId, TimeSpan.FromSeconds(1), Token);

        Assert.False(exited);
        Assert.Equal(started.Pid, (await driver.GetAsync(spec.VmId, Token))!.Pid);
        await driver.StopAsync(spec.VmId, StopTimeout, Token);
    }

    [Fact]
    public async Task VmCommands_VmNotRunning_ThrowVmStateExceptionAndStopIsNoOp()
    {
        await using var harness = new QemuHarness();
        var driver = harness.NewDriver();
        var vmId = new VmId(105);

        await driver.StopAsync(vmId, StopTimeout, Token);
        var error = await Assert.ThrowsAsync<VmStateException>(() => driver.ResetAsync(vmId, Token));

        Assert.Equal("VM 105 not running", error.Message);
        Assert.Null(await driver.GetAsync(vmId, Token));
    }

    /// <summary>Field 6 of /proc/&lt;pid&gt;/stat: the session QEMU runs in (its own, so it survives us).</summary>
    private static string SessionId(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3];
    }
}
