using Cordouan.Access.Permissions;

namespace Cordouan.Access.Tests.Permissions;

public sealed class AclPathsTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("//", "/")]
    [InlineData("vms/100", "/vms/100")]
    [InlineData("/vms//100/", "/vms/100")]
    [InlineData("/storage/local-lvm", "/storage/local-lvm")]
    [InlineData("/vms/10 0", null)]
    [InlineData("", null)]
    public void Normalize_Examples(string input, string? expected)
    {
        Assert.Equal(expected, AclPaths.Normalize(input));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/vms", true)]
    [InlineData("/vms/100", true)]
    [InlineData("/vms/99", false)]
    [InlineData("/storage/local", true)]
    [InlineData("/nodes/n1", true)]
    [InlineData("/pool/dev", true)]
    [InlineData("/access/groups/ops", true)]
    [InlineData("/sdn/zones/localnetwork/vmbr0", true)]
    [InlineData("/mapping/pci/gpu0", true)]
    [InlineData("/nodes/n1/qemu", false)]
    [InlineData("/random", false)]
    public void TryValidate_Examples(string path, bool valid)
    {
        Assert.Equal(valid, AclPaths.TryValidate(path, out _));
    }

    [Fact]
    public void Lineage_WalksFromRootDown()
    {
        Assert.Equal(["/"], AclPaths.Lineage("/"));
        Assert.Equal(["/", "/vms"], AclPaths.Lineage("/vms"));
        Assert.Equal(["/", "/sdn", "/sdn/zones", "/sdn/zones/z1"], AclPaths.Lineage("/sdn/zones/z1"));
    }
}
