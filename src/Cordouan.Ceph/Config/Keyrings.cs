using System.Text;

namespace Cordouan.Ceph.Config;

/// <summary>Pure rendering of cephx keyring files (the format ceph-authtool writes).</summary>
public static class Keyrings
{
    public static readonly IReadOnlyList<(string Service, string Cap)> AdminCaps =
        [("mds", "allow *"), ("mgr", "allow *"), ("mon", "allow *"), ("osd", "allow *")];

    public static readonly IReadOnlyList<(string Service, string Cap)> BootstrapOsdCaps =
        [("mgr", "allow r"), ("mon", "profile bootstrap-osd")];

    public static string Entry(string entity, string key, IReadOnlyList<(string Service, string Cap)> caps)
    {
        var text = new StringBuilder();
        text.Append('[').Append(entity).Append("]\n\tkey = ").Append(key).Append('\n');
        foreach (var (service, cap) in caps)
        {
            text.Append("\tcaps ").Append(service).Append(" = \"").Append(cap).Append("\"\n");
        }
        return text.ToString();
    }

    public static string Admin(CephClusterFacts facts) => Entry("client.admin", facts.AdminKey, AdminCaps);

    public static string BootstrapOsd(CephClusterFacts facts) => Entry("client.bootstrap-osd", facts.BootstrapOsdKey, BootstrapOsdCaps);

    /// <summary>The keyring a new monitor's store is created with: its own key plus the admin and bootstrap keys it must know.</summary>
    public static string MonMkfs(CephClusterFacts facts) =>
        Entry("mon.", facts.MonKey, [("mon", "allow *")]) + Admin(facts) + BootstrapOsd(facts);
}
