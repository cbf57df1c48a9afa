using Cordouan.Qemu.Acceleration;
using Cordouan.Testing;
using Xunit;

namespace Cordouan.Qemu.Tests.Acceleration;

public sealed class KvmProbeTests
{
    [Theory]
    [InlineData("processor\t: 0\nflags\t\t: fpu vme de pse vmx sse2\n", true)]
    [InlineData("processor\t: 0\nflags\t\t: fpu svm lm\n", true)]
    [InlineData("processor\t: 0\nflags\t\t: fpu hypervisor lm\nvmx flags\t: ept\n", false)]
    [InlineData("processor\t: 0\n", false)]
    public void HasHardwareVirtualization_CpuinfoFlags_DetectsVmxOrSvm(string cpuinfo, bool expected)
    {
        Assert.Equal(expected, KvmProbe.HasHardwareVirtualization(cpuinfo));
    }

    [Fact]
    [Trait("Requires", "qemu")]
    public async Task ProbeAsync_ThisMachine_AgreesWithCpuFlags()
    {
        Requirements.Qemu();
        var probe = new KvmProbe("qemu-system-x86_64", TimeSpan.FromSeconds(10), TimeProvider.System);

        var result = await probe.ProbeAsync(TestContext.Current.CancellationToken);

        if (!KvmProbe.HasHardwareVirtualization(await File.ReadAllTextAsync("/proc/cpuinfo", TestContext.Current.CancellationToken)))
        {
            Assert.False(result.Usable);
            Assert.NotEmpty(result.Reason);
        }
    }

    [Fact]
    [Trait("Requires", "qemu")]
    public async Task QueryQemuAsync_QmpOverStdio_ReturnsVerdictAndLeavesNoProcess()
    {
        Requirements.Qemu();
        var probe = new KvmProbe("qemu-system-x86_64", TimeSpan.FromSeconds(10), TimeProvider.System);

        var result = await probe.QueryQemuAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Usable || result.Reason.Length > 0);
        Assert.DoesNotContain(
            System.Diagnostics.Process.GetProcessesByName("qemu-system-x86_64"),
            p => File.ReadAllText($"/proc/{p.Id}/cmdline").Contains("none,accel=kvm", StringComparison.Ordinal));
    }
}
