using Cordouan.Node.CloudInit;
using Xunit;

namespace Cordouan.Node.Tests.CloudInit;

public sealed class CloudInitPasswordTests
{
    // Reference values from glibc's crypt(3) (Debian 12), the implementation Proxmox's encrypt_pw calls.
    [Theory]
    [InlineData("Hello world!", "saltstring", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5")]
    [InlineData("secret", "abcdefgh", "$5$abcdefgh$gruCpC7VkOTspMQTTSAR8mtlO9Upms.fwqE5y16JVM.")]
    [InlineData("", "x", "$5$x$yHbtfs4Y8t6X1xcJemNX.4JQRfUTafA2qQenWGLBee2")]
    [InlineData("a-much-longer-password-exceeding-thirty-two-bytes!!", "0123456789abcdef", "$5$0123456789abcdef$podpLggvJTvyH4D/zKiYf7lWvi6AoN.aZYdXgbdNH.0")]
    public void Hash_KnownSalt_MatchesGlibcCrypt(string password, string salt, string expected) =>
        Assert.Equal(expected, Sha256Crypt.Hash(password, salt));

    [Fact]
    public void Hash_FreshSalt_DiffersEachTimeAndVerifiesWithItsOwnSalt()
    {
        var first = Sha256Crypt.Hash("pw");
        var second = Sha256Crypt.Hash("pw");

        Assert.NotEqual(first, second);
        var salt = first.Split('$')[2];
        Assert.Equal(16, salt.Length);
        Assert.Equal(first, Sha256Crypt.Hash("pw", salt));
    }

    [Fact]
    public void Protect_ClearText_StoresItsHashOnly()
    {
        var set = new Dictionary<string, string> { ["cipassword"] = "hunter2", ["ciuser"] = "debian" };

        CloudInitPassword.Protect(set, ostype: "l26");

        Assert.StartsWith("$5$", set["cipassword"]);
        Assert.DoesNotContain("hunter2", set["cipassword"]);
        Assert.Equal("debian", set["ciuser"]);
    }

    [Theory]
    [InlineData("$6$salt$hash", "l26")]
    [InlineData("$2y$10$abcdef", null)]
    [InlineData("clear for cloudbase-init", "win11")]
    public void Protect_HashedOrWindows_KeptAsGiven(string password, string? ostype)
    {
        var set = new Dictionary<string, string> { ["cipassword"] = password };

        CloudInitPassword.Protect(set, ostype);

        Assert.Equal(password, set["cipassword"]);
    }

    [Fact]
    public void Protect_NoPassword_ChangesNothing()
    {
        var set = new Dictionary<string, string> { ["name"] = "web1" };

        CloudInitPassword.Protect(set, ostype: null);

        Assert.Equal(["name"], set.Keys);
    }
}
