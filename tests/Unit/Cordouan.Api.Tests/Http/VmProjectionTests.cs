using Cordouan.Api.Http;
using Cordouan.Node.Vms;
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

    [Theory]
    [InlineData(null, 512L * 1024 * 1024)]
    [InlineData("2048", 2048L * 1024 * 1024)]
    [InlineData("current=1024", 1024L * 1024 * 1024)]
    [InlineData("99999999999999999", long.MaxValue)]
    [InlineData("lots", 0L)]
    public void MemoryBytes_AnyStoredText_NoOverflow(string? memory, long expected) => Assert.Equal(expected, VmProjection.MemoryBytes(memory));
}
