using Cordouan.Node.Config;
using Xunit;

namespace Cordouan.Node.Tests.Config;

public sealed class PropertyStringTests
{
    [Fact]
    public void Parse_BareLeadingValue_GetsDefaultKey()
    {
        var pairs = PropertyString.Parse("local:100/vm-100-disk-0.qcow2,size=4G,cache=none", "file");
        Assert.Equal([new("file", "local:100/vm-100-disk-0.qcow2"), new("size", "4G"), new("cache", "none")], pairs);
    }

    [Fact]
    public void Parse_DuplicateKey_Throws()
    {
        var e = Assert.Throws<FormatException>(() => PropertyString.Parse("size=1G,size=2G", "file"));
        Assert.Contains("duplicate key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_LeadingFirstThenSortedOptions()
    {
        Assert.Equal("vol,a=1,b=2", PropertyString.Format("vol", [new("b", "2"), new("a", "1")]));
    }
}
