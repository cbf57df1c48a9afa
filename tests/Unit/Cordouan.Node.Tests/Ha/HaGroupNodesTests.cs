using Cordouan.Core.Errors;
using Cordouan.Node.Ha;
using Xunit;

namespace Cordouan.Node.Tests.Ha;

public sealed class HaGroupNodesTests
{
    [Fact]
    public void Parse_PrioritiesAndBareNames_HighestPriorityFirstBareIsZero()
    {
        var nodes = HaGroupNodes.Parse("n3,n1:2;n2:2 n4:1");

        Assert.Equal([new("n1", 2), new("n2", 2), new("n4", 1), new("n3", 0)], nodes);
    }

    [Fact]
    public void Format_Members_PriorityZeroLeftImplicit() =>
        Assert.Equal("n1:2,n2", HaGroupNodes.Format([new("n1", 2), new("n2", 0)]));

    [Fact]
    public void ParseThenFormat_ProxmoxExample_RoundTrips() => Assert.Equal("n1:2,n2", HaGroupNodes.Format(HaGroupNodes.Parse("n1:2,n2")));

    [Theory]
    [InlineData("n1:x", "does not look like a valid ha group node")]
    [InlineData("-n1", "does not look like a valid ha group node")]
    [InlineData("n1:-1", "does not look like a valid ha group node")]
    [InlineData("n1,n1:3", "node 'n1' is listed twice")]
    [InlineData(" , ", "at least one node")]
    [InlineData("n1:99999999999", "too large")]
    public void Parse_BadList_400NamingNodes(string text, string expected)
    {
        var error = Assert.Throws<ValidationException>(() => HaGroupNodes.Parse(text));
        Assert.Contains(expected, error.Errors["nodes"], StringComparison.Ordinal);
    }
}
