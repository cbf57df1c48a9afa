using Cordouan.Core.Storage;
using Cordouan.Node.Vms.Migration;
using Xunit;

namespace Cordouan.Node.Tests.Vms.Migration;

public sealed class MigrationTargetsTests
{
    private static NodeDocument Node(string name, bool witness = false, bool maintenance = false) => new()
    {
        Name = name,
        Address = "10.0.0.2",
        Roles = witness ? [NodeDocument.WitnessRole] : [NodeDocument.HypervisorRole],
        Maintenance = maintenance,
    };

    [Fact]
    public void Refusal_OnlineHypervisor_Allowed() => Assert.Null(MigrationTargets.Refusal("n2", "n1", Node("n2"), online: true));

    [Fact]
    public void Refusal_Self_IsLocalNode() => Assert.Equal("target is local node.", MigrationTargets.Refusal("n1", "n1", Node("n1"), online: true));

    [Fact]
    public void Refusal_UnknownNode_NoSuchClusterNode() =>
        Assert.Equal("no such cluster node 'nx'", MigrationTargets.Refusal("nx", "n1", null, online: false));

    [Fact]
    public void Refusal_Offline_NotOnline() => Assert.Equal("node 'n2' is not online", MigrationTargets.Refusal("n2", "n1", Node("n2"), online: false));

    [Fact]
    public void Refusal_Witness_RunsNoVms() =>
        Assert.Contains("is a witness", MigrationTargets.Refusal("w", "n1", Node("w", witness: true), online: true), StringComparison.Ordinal);

    [Fact]
    public void Refusal_Maintenance_InMaintenanceMode() =>
        Assert.Contains("maintenance", MigrationTargets.Refusal("n2", "n1", Node("n2", maintenance: true), online: true), StringComparison.Ordinal);

    [Theory]
    [InlineData(new string[0], false, true)]
    [InlineData(new[] { "n1", "n2" }, false, true)]
    [InlineData(new[] { "n1" }, false, false)]
    [InlineData(new string[0], true, false)]
    public void IsAvailableOn_NodeListAndDisabled_Respected(string[] nodes, bool disabled, bool expected)
    {
        var storage = new StorageDefinition { Id = "s", Type = "dir", Path = "/s", Nodes = nodes, Disabled = disabled };
        Assert.Equal(expected, MigrationTargets.IsAvailableOn(storage, "n2"));
    }
}
