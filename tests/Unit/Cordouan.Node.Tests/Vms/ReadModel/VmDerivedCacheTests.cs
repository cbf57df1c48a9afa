using Cordouan.Node.Vms;
using Cordouan.Node.Vms.ReadModel;
using Xunit;

namespace Cordouan.Node.Tests.Vms.ReadModel;

public sealed class VmDerivedCacheTests
{
    private readonly List<string> _derivedFrom = [];

    [Fact]
    public void Get_SameRevisionTwice_DerivesOnce()
    {
        var cache = new VmDerivedCache<string>(Derive);
        var vm = Vm(100, "a", revision: 5);

        Assert.Equal("100:a", cache.Get(vm));
        Assert.Equal("100:a", cache.Get(new VersionedVm(vm.Document, 5)));

        Assert.Equal(["100:a"], _derivedFrom);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Get_NewerRevision_DerivesAgain()
    {
        var cache = new VmDerivedCache<string>(Derive);
        cache.Get(Vm(100, "a", revision: 5));

        Assert.Equal("100:b", cache.Get(Vm(100, "b", revision: 6)));
        Assert.Equal("100:b", cache.Get(Vm(100, "b", revision: 6)));

        Assert.Equal(["100:a", "100:b"], _derivedFrom);
    }

    [Fact]
    public void Get_OlderRevisionAfterNewer_AnswersOlderButKeepsNewer()
    {
        var cache = new VmDerivedCache<string>(Derive);
        cache.Get(Vm(100, "new", revision: 9));

        Assert.Equal("100:old", cache.Get(Vm(100, "old", revision: 4)));
        Assert.Equal("100:new", cache.Get(Vm(100, "new", revision: 9)));

        Assert.Equal(["100:new", "100:old"], _derivedFrom);
    }

    private string Derive(VmDocument document)
    {
        var value = $"{document.VmId}:{document.Config["name"]}";
        _derivedFrom.Add(value);
        return value;
    }

    private static VersionedVm Vm(int vmid, string name, long revision) =>
        new(new VmDocument { VmId = vmid, Owner = "n1", Config = new Dictionary<string, string> { ["name"] = name } }, revision);
}
