using Cordouan.Api.Http;
using Cordouan.Core.Ids;
using Cordouan.Core.Vms;
using Cordouan.Node.Vms;
using Cordouan.Node.Vms.Live;
using Xunit;

namespace Cordouan.Api.Tests.Http;

public sealed class VmProjectionTests
{
    [Fact]
    public void Summary_AbsurdStoredValues_DoesNotThrow()
    {
        var vm = new VmDocument
        {
            VmId = 100,
            Owner = "n1",
            Config = new Dictionary<string, string>
            {
                ["memory"] = "99999999999",
                ["cores"] = "2147483647",
                ["sockets"] = "4",
                ["scsi0"] = "local:100/vm-100-disk-0.qcow2,bogus=1",
                ["virtio0"] = "local:100/vm-100-disk-1.qcow2,size=1G",
            },
        };
        var summary = VmProjection.Summary(vm, null, DateTimeOffset.UnixEpoch);
        Assert.Equal(99999999999L * 1024 * 1024, summary["maxmem"]!.GetValue<long>());
        Assert.Equal(1L << 30, summary["maxdisk"]!.GetValue<long>());
        Assert.Equal(2147483647L * 4, summary["cpus"]!.GetValue<long>());
    }

    [Fact]
    public void Summary_RunningWithFigures_CarriesThemAsProxmox()
    {
        var vm = new VmDocument { VmId = 100, Owner = "n1", Config = new Dictionary<string, string> { ["cores"] = "2", ["sockets"] = "2" } };
        var now = DateTimeOffset.UnixEpoch.AddDays(1);
        var runtime = new VmRuntimeInfo(new VmId(100), int.MaxValue, VmRunState.Running, now.AddSeconds(-42))
        {
            Figures = new VmFigures(CpuCores: 1.0, Memory: 300L << 20, DiskRead: 1234, DiskWrite: 5678, NetIn: 90, NetOut: 12),
        };

        var summary = VmProjection.Summary(vm, runtime, now);

        Assert.Equal("running", summary["status"]!.GetValue<string>());
        // One host CPU busy over 4 vCPUs.
        Assert.Equal(0.25, summary["cpu"]!.GetValue<double>());
        Assert.Equal(300L << 20, summary["mem"]!.GetValue<long>());
        Assert.Equal(1234, summary["diskread"]!.GetValue<long>());
        Assert.Equal(5678, summary["diskwrite"]!.GetValue<long>());
        Assert.Equal(90, summary["netin"]!.GetValue<long>());
        Assert.Equal(12, summary["netout"]!.GetValue<long>());
        Assert.Equal(42, summary["uptime"]!.GetValue<long>());
    }

    [Fact]
    public void Summary_Unknown_NeitherRunningNorStopped()
    {
        var vm = new VmDocument { VmId = 100, Owner = "n2", Config = new Dictionary<string, string> { ["name"] = "web", ["memory"] = "1024" } };

        var summary = VmProjection.Summary(vm, VmLive.NotKnown, DateTimeOffset.UnixEpoch);

        Assert.Equal("unknown", summary["status"]!.GetValue<string>());
        Assert.Equal(0, summary["uptime"]!.GetValue<long>());
        Assert.Equal(0, summary["mem"]!.GetValue<long>());
        Assert.Equal(1024L << 20, summary["maxmem"]!.GetValue<long>());
        Assert.False(summary.ContainsKey("pid"));
        Assert.False(summary.ContainsKey("qmpstatus"));
    }

    [Theory]
    [InlineData(2.0, "4", null, 0.5)]
    [InlineData(2.0, "4", "2", 1.0)]
    [InlineData(0.5, "1", "0", 0.5)]
    [InlineData(-1.0, "2", null, 0.0)]
    public void CpuFraction_HostCpusOverVmCpus(double cores, string vmCores, string? vcpus, double expected)
    {
        var config = new Dictionary<string, string> { ["cores"] = vmCores };
        if (vcpus is not null)
        {
            config["vcpus"] = vcpus;
        }

        Assert.Equal(expected, VmProjection.CpuFraction(cores, config, long.Parse(vmCores, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(null, 512L * 1024 * 1024)]
    [InlineData("2048", 2048L * 1024 * 1024)]
    [InlineData("current=1024", 1024L * 1024 * 1024)]
    [InlineData("99999999999999999", long.MaxValue)]
    [InlineData("lots", 0L)]
    public void MemoryBytes_AnyStoredText_NoOverflow(string? memory, long expected) => Assert.Equal(expected, VmProjection.MemoryBytes(memory));
}
