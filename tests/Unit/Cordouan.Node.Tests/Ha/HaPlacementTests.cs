using Cordouan.Node.Ha;
using Cordouan.Node.Maintenance;
using Xunit;

namespace Cordouan.Node.Tests.Ha;

public sealed class HaPlacementTests
{
    private static readonly Dictionary<string, NodeLoad> NoLoad = [];

    private static NodeDocument Node(string name, bool maintenance = false, bool witness = false) => new()
    {
        Name = name,
        Address = "127.0.0.1",
        Maintenance = maintenance,
        Roles = witness ? [NodeDocument.WitnessRole] : [NodeDocument.HypervisorRole],
    };

    private static HashSet<string> Alive(params string[] names) => [.. names];

    [Fact]
    public void Choose_DeadMaintenanceWitnessAndExcludedNodes_AreNeverChosen()
    {
        NodeDocument[] nodes = [Node("n1"), Node("n2"), Node("n3", maintenance: true), Node("w", witness: true), Node("n4")];

        Assert.Equal("n4", HaPlacement.Choose(null, nodes, Alive("n1", "n3", "w", "n4"), NoLoad, ["n1"]));
    }

    [Fact]
    public void Choose_NoNodeLeft_ReturnsNull() =>
        Assert.Null(HaPlacement.Choose(null, [Node("n1"), Node("n2")], Alive("n1"), NoLoad, ["n1"]));

    [Fact]
    public void Choose_Group_HighestPriorityAliveNodeFirstWhateverTheLoad()
    {
        var group = new HaGroupDocument { Name = "g", Nodes = [new("n2", 1), new("n3", 5)] };
        var loads = new Dictionary<string, NodeLoad> { ["n3"] = new(10, 10_000) };

        Assert.Equal("n3", HaPlacement.Choose(group, [Node("n2"), Node("n3"), Node("n4")], Alive("n2", "n3", "n4"), loads, []));
    }

    [Fact]
    public void Choose_UnrestrictedGroupWithoutLiveMember_FallsBackToAnyNode()
    {
        var group = new HaGroupDocument { Name = "g", Nodes = [new("n3", 5)] };

        Assert.Equal("n2", HaPlacement.Choose(group, [Node("n2"), Node("n3")], Alive("n2"), NoLoad, []));
    }

    [Fact]
    public void Choose_RestrictedGroupWithoutLiveMember_ReturnsNull()
    {
        var group = new HaGroupDocument { Name = "g", Nodes = [new("n3", 5)], Restricted = true };

        Assert.Null(HaPlacement.Choose(group, [Node("n2"), Node("n3")], Alive("n2"), NoLoad, []));
    }

    [Fact]
    public void Choose_SamePriority_LeastLoadedNode()
    {
        var group = new HaGroupDocument { Name = "g", Nodes = [new("n2", 1), new("n3", 1)] };
        var loads = new Dictionary<string, NodeLoad> { ["n2"] = new(4, 4096), ["n3"] = new(1, 512) };

        Assert.Equal("n3", HaPlacement.Choose(group, [Node("n2"), Node("n3")], Alive("n2", "n3"), loads, []));
    }

    [Fact]
    public void FailbackTarget_HigherPriorityNodeBack_IsTheTarget()
    {
        var group = new HaGroupDocument { Name = "g", Nodes = [new("n1", 2), new("n2", 1)] };

        Assert.Equal("n1", HaPlacement.FailbackTarget(group, [Node("n1"), Node("n2")], Alive("n1", "n2"), NoLoad, "n2"));
    }

    [Fact]
    public void FailbackTarget_NoFailbackEqualPriorityDeadOrMaintenance_StaysPut()
    {
        NodeDocument[] nodes = [Node("n1"), Node("n2"), Node("n3", maintenance: true)];
        var group = new HaGroupDocument { Name = "g", Nodes = [new("n1", 2), new("n2", 1), new("n3", 3)] };

        Assert.Null(HaPlacement.FailbackTarget(group with { NoFailback = true }, nodes, Alive("n1", "n2", "n3"), NoLoad, "n2"));
        Assert.Null(HaPlacement.FailbackTarget(group, nodes, Alive("n2", "n3"), NoLoad, "n2"));
        Assert.Null(HaPlacement.FailbackTarget(group, nodes, Alive("n1", "n2", "n3"), NoLoad, "n1"));
        Assert.Null(HaPlacement.FailbackTarget(new HaGroupDocument { Name = "e", Nodes = [new("n1", 0), new("n2", 0)] }, nodes, Alive("n1", "n2"), NoLoad, "n2"));
        Assert.Null(HaPlacement.FailbackTarget(null, nodes, Alive("n1", "n2"), NoLoad, "n2"));
    }

    [Fact]
    public void FailbackTarget_RunningOutsideItsRestrictedGroup_MovesIntoIt()
    {
        var group = new HaGroupDocument { Name = "g", Nodes = [new("n1", 0)], Restricted = true };

        Assert.Equal("n1", HaPlacement.FailbackTarget(group, [Node("n1"), Node("n2")], Alive("n1", "n2"), NoLoad, "n2"));
    }
}
