using Cordouan.Core.Errors;
using Cordouan.Node.Ha;
using Xunit;

namespace Cordouan.Node.Tests.Ha;

public sealed class HaGroupChangeTests
{
    [Fact]
    public void Validate_Nodes_ParsedHighestPriorityFirst()
    {
        var members = new HaGroupChange { Nodes = "n2,n1:1" }.Validate();

        Assert.Equal([new("n1", 1), new("n2", 0)], members);
    }

    [Fact]
    public void Validate_DeleteNodes_RefusedAsRequired() =>
        Assert.Equal("unable to delete required option 'nodes'", Assert.Throws<ValidationException>(() => new HaGroupChange { Delete = ["nodes"] }.Validate()).Errors["delete"]);

    [Fact]
    public void Validate_BadNodesAndDeleteUnknown_ReportsBoth()
    {
        var errors = Assert.Throws<ValidationException>(() => new HaGroupChange { Nodes = "n1:x", Delete = ["group"] }.Validate()).Errors;

        Assert.Contains("nodes", errors.Keys);
        Assert.Equal("no such option 'group'", errors["delete"]);
    }

    [Fact]
    public void ApplyTo_DeleteAndSet_DefaultsThenValues()
    {
        var current = new HaGroupDocument { Name = "g1", Nodes = [new("n1", 0)], Restricted = true, NoFailback = true, Comment = "old" };
        var change = new HaGroupChange { Delete = ["restricted", "comment"], NoFailback = false };

        var next = change.ApplyTo(current, [new("n2", 3)]);

        Assert.Equal((false, false, (string?)null), (next.Restricted, next.NoFailback, next.Comment));
        Assert.Equal([new("n2", 3)], next.Nodes);
    }
}
