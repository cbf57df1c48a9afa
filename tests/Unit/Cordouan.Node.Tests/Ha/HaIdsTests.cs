using Cordouan.Core.Errors;
using Cordouan.Node.Ha;
using Xunit;

namespace Cordouan.Node.Tests.Ha;

public sealed class HaIdsTests
{
    [Theory]
    [InlineData("vm:100", 100)]
    [InlineData("100", 100)]
    [InlineData("vm:999999999", 999_999_999)]
    public void ParseSid_VmOrBareId_ReturnsTheVmId(string sid, int expected) => Assert.Equal(expected, HaIds.ParseSid(sid).Value);

    [Fact]
    public void ParseSid_Container_400NamingSid()
    {
        var error = Assert.Throws<ValidationException>(() => HaIds.ParseSid("ct:100"));
        Assert.Contains("unsupported resource type 'ct'", error.Errors["sid"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vm100")]
    [InlineData("VM:100")]
    [InlineData("vm:")]
    [InlineData("")]
    public void ParseSid_NotAResourceId_400InvalidFormat(string sid)
    {
        var error = Assert.Throws<ValidationException>(() => HaIds.ParseSid(sid));
        Assert.Equal("invalid format - value does not look like a valid ha resource id", error.Errors["sid"]);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("vm:99")]
    [InlineData("vm:abc")]
    [InlineData("1000000000")]
    public void ParseSid_VmIdOutOfRange_400NamingTheGivenField(string sid)
    {
        var error = Assert.Throws<ValidationException>(() => HaIds.ParseSid(sid, "resource"));
        Assert.Contains("is not a valid VM id", error.Errors["resource"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("g1", true)]
    [InlineData("Prefer_n1-a", true)]
    [InlineData("g", false)]
    [InlineData("1g", false)]
    [InlineData("g/1", false)]
    [InlineData("g 1", false)]
    public void IsValidGroupName_ProxmoxConfigIdRule(string name, bool valid) => Assert.Equal(valid, HaIds.IsValidGroupName(name));
}
