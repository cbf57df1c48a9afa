using Cordouan.Node.Maintenance;
using Xunit;

namespace Cordouan.Node.Tests.Maintenance;

public sealed class EvacuationTargetsTests
{
    [Fact]
    public void Choose_NoAllowedNode_ReturnsNull() =>
        Assert.Null(EvacuationTargets.Choose([], new Dictionary<string, NodeLoad> { ["n2"] = NodeLoad.Empty }));

    [Fact]
    public void Choose_DifferentVmCounts_PicksFewestVms()
    {
        var loads = new Dictionary<string, NodeLoad> { ["n2"] = new(3, 512), ["n3"] = new(1, 8192) };

        Assert.Equal("n3", EvacuationTargets.Choose(["n2", "n3"], loads));
    }

    [Fact]
    public void Choose_SameVmCount_PicksLeastConfiguredMemory()
    {
        var loads = new Dictionary<string, NodeLoad> { ["n2"] = new(2, 4096), ["n3"] = new(2, 1024) };

        Assert.Equal("n3", EvacuationTargets.Choose(["n2", "n3"], loads));
    }

    [Fact]
    public void Choose_NodeWithoutVms_CountsAsEmpty()
    {
        var loads = new Dictionary<string, NodeLoad> { ["n2"] = new(1, 128) };

        Assert.Equal("n3", EvacuationTargets.Choose(["n2", "n3"], loads));
    }

    [Fact]
    public void Choose_Tie_PicksFirstByNameWhateverTheOrderGiven() =>
        Assert.Equal("n2", EvacuationTargets.Choose(["n3", "n2"], new Dictionary<string, NodeLoad>()));

    [Fact]
    public void Choose_LoadedNodeNotAllowed_IsNeverChosen()
    {
        var loads = new Dictionary<string, NodeLoad> { ["n2"] = new(5, 5000), ["n3"] = NodeLoad.Empty };

        Assert.Equal("n2", EvacuationTargets.Choose(["n2"], loads));
    }

    [Fact]
    public void Choose_LoadsUpdatedAfterEachPlacement_SpreadsVmsAcrossNodes()
    {
        var loads = new Dictionary<string, NodeLoad>();
        var placed = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var target = EvacuationTargets.Choose(["n2", "n3"], loads)!;
            loads[target] = loads.GetValueOrDefault(target, NodeLoad.Empty).Plus(256);
            placed.Add(target);
        }

        Assert.Equal(["n2", "n3", "n2", "n3"], placed);
    }
}
