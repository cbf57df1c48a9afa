using System.Text.Json;
using Cordouan.Ceph.Config;
using Cordouan.Ceph.Json;
using Cordouan.Ceph.Pools;
using Xunit;

namespace Cordouan.Ceph.Tests.Json;

/// <summary>Output captured from Ceph 16.2.15 (Debian 12), trimmed to the fields we read plus a few we skip.</summary>
public sealed class CephJsonParsingTests
{
    private const string MonDump = """
        {"epoch":1,"fsid":"1f8368a5-89df-4999-8926-e1d4ee05cdc9","min_mon_release":16,"features":{"persistent":["pacific"],"optional":[]},
         "mons":[{"rank":0,"name":"a","public_addrs":{"addrvec":[{"type":"v2","addr":"127.0.0.1:17300","nonce":0},{"type":"v1","addr":"127.0.0.1:16789","nonce":0}]},
                  "addr":"127.0.0.1:16789/0","public_addr":"127.0.0.1:16789/0","priority":0,"weight":0,"crush_location":"{}"},
                 {"rank":1,"name":"b","addr":"127.0.0.2:6789/0","public_addr":"127.0.0.2:6789/0"}],
         "quorum":[0]}
        """;

    private const string OsdDfTree = """
        {"nodes":[{"id":-1,"name":"default","type":"root","type_id":11,"reweight":-1,"kb":4194304,"kb_used":594200,"children":[-3]},
                  {"id":-3,"name":"node1","type":"host","type_id":1,"reweight":-1,"kb":4194304,"kb_used":594200,"children":[1,0]},
                  {"id":0,"device_class":"hdd","name":"osd.0","type":"osd","crush_weight":0.0019989013671875,"depth":2,"reweight":1,"kb":2097152,"kb_used":297100,"utilization":14.16,"status":"up"},
                  {"id":1,"device_class":"hdd","name":"osd.1","type":"osd","crush_weight":0.0019989013671875,"depth":2,"reweight":0,"kb":2097152,"kb_used":297100,"status":"down"}],
         "stray":[],"summary":{"total_kb":4194304}}
        """;

    [Fact]
    public void MonDump_WithQuorum_MapsRanksHostsAndQuorum()
    {
        var dump = JsonSerializer.Deserialize(MonDump, CephJsonContext.Default.CephMonDump)!;
        var facts = new CephClusterFacts
        {
            Fsid = "f",
            PublicNetwork = "127.0.0.0/8",
            MonKey = "",
            AdminKey = "",
            BootstrapOsdKey = "",
            Mons = [new CephMonEntry { Name = "a", Node = "node1", Ip = "127.0.0.1" }],
        };

        var mons = CephQueries.ToMons(dump, facts);

        Assert.Equal(2, mons.Count);
        Assert.Equal(new Core.Ceph.CephMonInfo("a", "127.0.0.1:16789/0", "node1", 0, true), mons[0]);
        Assert.Equal(new Core.Ceph.CephMonInfo("b", "127.0.0.2:6789/0", null, 1, false), mons[1]);
    }

    [Fact]
    public void OsdDfTree_TwoOsds_MapsHostUpInAndBytes()
    {
        var osds = CephQueries.ToOsds(JsonSerializer.Deserialize(OsdDfTree, CephJsonContext.Default.CephOsdDfTree)!);

        Assert.Equal([0, 1], osds.Select(o => o.Id));
        Assert.Equal(("node1", true, true, 2147483648L, 304230400L), (osds[0].Host, osds[0].Up, osds[0].In, osds[0].TotalBytes, osds[0].UsedBytes));
        Assert.Equal((false, false), (osds[1].Up, osds[1].In));
    }

    [Fact]
    public void Pools_DetailDfAndRules_AreJoinedByNameAndRuleId()
    {
        var details = JsonSerializer.Deserialize("""
            [{"pool_id":1,"pool_name":"rbd","size":3,"min_size":2,"crush_rule":0,"pg_autoscale_mode":"on","pg_num":16,
              "last_change":"7","application_metadata":{"rbd":{}}},
             {"pool_id":2,"pool_name":"empty","size":2,"min_size":1,"crush_rule":5,"pg_num":8,"application_metadata":{}}]
            """, CephJsonContext.Default.IReadOnlyListCephPoolDetail)!;
        var df = JsonSerializer.Deserialize("""
            {"stats":{"total_bytes":1},"pools":[{"name":"rbd","id":1,"stats":{"stored":0,"objects":0,"kb_used":12,"bytes_used":12288,"percent_used":0.25,"max_avail":867939520}}]}
            """, CephJsonContext.Default.CephDf)!;
        var rules = JsonSerializer.Deserialize("""[{"rule_id":0,"rule_name":"replicated_rule","ruleset":0,"type":1,"steps":[]}]""",
            CephJsonContext.Default.IReadOnlyListCephCrushRule)!;

        var pools = PoolManager.Merge(details, df, rules);

        Assert.Equal(("rbd", 3, 2, 16, "replicated_rule", "on", 12288L, 0.25), (pools[0].Name, pools[0].Size, pools[0].MinSize, pools[0].PgNum, pools[0].CrushRuleName, pools[0].AutoscaleMode, pools[0].BytesUsed, pools[0].PercentUsed));
        Assert.Equal(["rbd"], pools[0].Applications);
        Assert.Equal(("empty", null, 0L), (pools[1].Name, pools[1].CrushRuleName, pools[1].BytesUsed));
    }

    [Fact]
    public void MgrDump_ActiveAndStandby_AreRead()
    {
        var dump = JsonSerializer.Deserialize("""
            {"epoch":5,"active_gid":4100,"active_name":"x","active_addrs":{"addrvec":[]},"active_addr":"127.0.0.1:6809/27394","available":true,
             "standbys":[{"gid":4200,"name":"y","available_modules":[]}],"modules":["iostat"],"available_modules":[{"name":"balancer","can_run":true}]}
            """, CephJsonContext.Default.CephMgrDump)!;

        Assert.Equal(("x", true, "y"), (dump.ActiveName, dump.Available, dump.Standbys[0].Name));
    }
}
