using Cordouan.Node.Vms;
using Xunit;

namespace Cordouan.Node.Tests.Vms;

public sealed class VersionedVmTests
{
    [Fact]
    public void Digest_ChangesWithRevision_AndIs40Hex()
    {
        var doc = new VmDocument { VmId = 100, Owner = "n1" };
        var a = new VersionedVm(doc, 5).Digest;
        var b = new VersionedVm(doc, 6).Digest;
        Assert.Matches("^[0-9a-f]{40}$", a);
        Assert.NotEqual(a, b);
        Assert.Equal(a, new VersionedVm(doc, 5).Digest);
    }
}
