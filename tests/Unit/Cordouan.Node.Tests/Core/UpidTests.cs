using Cordouan.Core.Tasks;
using Xunit;

namespace Cordouan.Node.Tests.Core;

public sealed class UpidTests
{
    [Fact]
    public void ToString_ProxmoxFormat_NineFieldsAndTrailingColon()
    {
        var upid = new Upid("n1", 0x3F2A1, 0xA1B2C3, 0x65A1B2C3, "qmstart", "100", "root@pam");
        var text = upid.ToString();
        Assert.Equal("UPID:n1:0003F2A1:00A1B2C3:65A1B2C3:qmstart:100:root@pam:", text);
        Assert.Equal(9, text.Split(':').Length);
        Assert.True(Upid.TryParse(text, out var parsed));
        Assert.Equal(upid, parsed);
    }

    [Theory]
    [InlineData("UPID:n1:0003F2A1:00A1B2C3:65A1B2C3:qmstart:100:root@pam")]
    [InlineData("UPID:-bad:0003F2A1:00A1B2C3:65A1B2C3:qmstart:100:root@pam:")]
    [InlineData("garbage")]
    public void TryParse_Malformed_False(string text) => Assert.False(Upid.TryParse(text, out _));

    [Fact]
    public void TryParse_EmptyIdAndTokenUser_Accepted()
    {
        Assert.True(Upid.TryParse("UPID:n1:00000001:00000002:00000003:imgcopy::admin@pve!ci:", out var parsed));
        Assert.Equal("", parsed!.Id);
        Assert.Equal("admin@pve!ci", parsed.User);
    }
}
