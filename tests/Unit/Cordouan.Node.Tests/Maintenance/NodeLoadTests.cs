using Cordouan.Node.Maintenance;
using Cordouan.Node.Vms;
using Xunit;

namespace Cordouan.Node.Tests.Maintenance;

public sealed class NodeLoadTests
{
    private static VmDocument Vm(int id, string owner, string? memory) => new()
    {
        VmId = id,
        Owner = owner,
        Config = memory is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["memory"] = memory },
    };

    [Fact]
    public void Tally_VmsOfSeveralOwners_CountsAndSumsMemoryPerOwner()
    {
        var loads = NodeLoad.Tally([Vm(100, "n1", "1024"), Vm(101, "n2", "256"), Vm(102, "n2", "current=512")]);

        Assert.Equal(new NodeLoad(1, 1024), loads["n1"]);
        Assert.Equal(new NodeLoad(2, 768), loads["n2"]);
    }

    [Fact]
    public void MemoryOf_Unset_IsProxmoxDefault() => Assert.Equal(512, NodeLoad.MemoryOf(Vm(100, "n1", null)));

    [Fact]
    public void Plus_OneVm_AddsOneVmAndItsMemory() => Assert.Equal(new NodeLoad(3, 1280), new NodeLoad(2, 1024).Plus(256));
}
