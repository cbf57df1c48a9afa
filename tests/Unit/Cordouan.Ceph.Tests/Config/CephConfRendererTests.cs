using Cordouan.Ceph.Config;
using Xunit;

namespace Cordouan.Ceph.Tests.Config;

public sealed class CephConfRendererTests
{
    private static readonly CephPaths Paths = new("/data/ceph", "/run/cordouan/ceph");

    private static CephClusterFacts Facts(string failureDomain = "host") => new()
    {
        Fsid = "1f8368a5-89df-4999-8926-e1d4ee05cdc9",
        PublicNetwork = "10.0.0.0/24",
        Size = 3,
        MinSize = 2,
        FailureDomain = failureDomain,
        MonKey = "MONKEY==",
        AdminKey = "ADMINKEY==",
        BootstrapOsdKey = "OSDKEY==",
        Mons =
        [
            new CephMonEntry { Name = "pve1", Node = "pve1", Ip = "10.0.0.1" },
            new CephMonEntry { Name = "pve2", Node = "pve2", Ip = "10.0.0.2", V2Port = 4000, V1Port = 4001 },
        ],
    };

    [Fact]
    public void Render_TwoMons_ListsBothAddressVectorsAndNoSecret()
    {
        var conf = CephConfRenderer.Render(Facts(), Paths, "pve1");

        Assert.Contains("\tmon_host = [v2:10.0.0.1:3300,v1:10.0.0.1:6789],[v2:10.0.0.2:4000,v1:10.0.0.2:4001]\n", conf, StringComparison.Ordinal);
        Assert.Contains("\tmon_initial_members = pve1,pve2\n", conf, StringComparison.Ordinal);
        Assert.Contains("\tcluster_network = 10.0.0.0/24\n", conf, StringComparison.Ordinal);
        Assert.Contains("[mon.pve2]\n\tpublic_addr = 10.0.0.2\n", conf, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY==", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AdminKeyring_OnlyUnderClientSection()
    {
        var conf = CephConfRenderer.Render(Facts(), Paths, "pve1");

        // In [global] it would make every daemon present the admin key ("handle_auth_bad_method").
        var global = conf[..conf.IndexOf("[client]", StringComparison.Ordinal)];
        Assert.DoesNotContain("keyring", global, StringComparison.Ordinal);
        Assert.Contains("[client]\n\tkeyring = /data/ceph/ceph.client.admin.keyring\n", conf, StringComparison.Ordinal);
        Assert.Contains("\tpid_file = /run/cordouan/ceph/$type.$id.pid\n", conf, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host", "1", "host")]
    [InlineData("osd", "0", "osd")]
    public void Render_FailureDomain_SetsChooseleafTypeAndReporterSubtree(string domain, string chooseleaf, string reporters)
    {
        var conf = CephConfRenderer.Render(Facts(domain), Paths, "pve1");

        Assert.Contains($"\tosd_crush_chooseleaf_type = {chooseleaf}\n", conf, StringComparison.Ordinal);
        Assert.Contains($"\tmon_osd_reporter_subtree_level = {reporters}\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void MonMkfs_Keyring_HoldsMonAdminAndBootstrapEntries()
    {
        var keyring = Keyrings.MonMkfs(Facts());

        Assert.StartsWith("[mon.]\n\tkey = MONKEY==\n\tcaps mon = \"allow *\"\n[client.admin]\n\tkey = ADMINKEY==\n", keyring, StringComparison.Ordinal);
        Assert.Contains("[client.bootstrap-osd]\n\tkey = OSDKEY==\n\tcaps mgr = \"allow r\"\n\tcaps mon = \"profile bootstrap-osd\"\n", keyring, StringComparison.Ordinal);
    }

    [Fact]
    public void AddressVector_Ipv6_IsBracketed()
    {
        Assert.Equal("[v2:[fd00::1]:3300,v1:[fd00::1]:6789]", new CephMonEntry { Name = "a", Node = "a", Ip = "fd00::1" }.AddressVector);
    }

    [Fact]
    public void Render_OsdSection_PutsThisNodesOsdsUnderItsNodeNameAsCrushHost()
    {
        var conf = CephConfRenderer.Render(Facts(), Paths, "pve2");

        var osd = conf[conf.IndexOf("[osd]", StringComparison.Ordinal)..];
        Assert.Contains("\tcrush_location = root=default host=pve2\n", osd[..osd.IndexOf("\n[", StringComparison.Ordinal)], StringComparison.Ordinal);
    }
}
