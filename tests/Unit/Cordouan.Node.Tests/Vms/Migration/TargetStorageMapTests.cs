using Cordouan.Core.Errors;
using Cordouan.Node.Vms.Migration;
using Xunit;

namespace Cordouan.Node.Tests.Vms.Migration;

public sealed class TargetStorageMapTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    public void Parse_NothingOrOne_MapsEachStorageToItself(string? text)
    {
        var map = TargetStorageMap.Parse(text);
        Assert.Equal("local", map.Map("local"));
        Assert.Equal("fast", map.Map("fast"));
    }

    [Fact]
    public void Parse_SingleStorage_MapsEverythingThere()
    {
        var map = TargetStorageMap.Parse("bulk");
        Assert.Equal("bulk", map.Map("local"));
        Assert.Equal("bulk", map.Map("fast"));
    }

    [Fact]
    public void Parse_PairsWithDefault_MapsPairsThenDefault()
    {
        var map = TargetStorageMap.Parse("local:fast, ssd:nvme,bulk");
        Assert.Equal("fast", map.Map("local"));
        Assert.Equal("nvme", map.Map("ssd"));
        Assert.Equal("bulk", map.Map("other"));
    }

    [Fact]
    public void Parse_PairsWithoutDefault_KeepsUnmappedStorages()
    {
        Assert.Equal("other", TargetStorageMap.Parse("local:fast").Map("other"));
    }

    [Theory]
    [InlineData("a:b:c")]
    [InlineData("local:fast,local:bulk")]
    [InlineData("one,two")]
    [InlineData("local:")]
    [InlineData("9lives")]
    public void Parse_Malformed_FailsOnTargetStorage(string text)
    {
        var error = Assert.Throws<ValidationException>(() => TargetStorageMap.Parse(text));
        Assert.Contains("targetstorage", error.Errors.Keys);
    }
}
