using System.Globalization;
using System.Text;

namespace Cordouan.Ceph.Config;

/// <summary>Pure rendering of this node's ceph.conf from the cluster facts (absolute paths, no secrets).</summary>
public static class CephConfRenderer
{
    /// <summary>The conf of node <paramref name="nodeName"/>: the cluster's settings plus where this node's OSDs sit in the CRUSH map.</summary>
    public static string Render(CephClusterFacts facts, CephPaths paths, string nodeName)
    {
        var ipv6 = facts.PublicNetwork.Contains(':', StringComparison.Ordinal);
        var text = new StringBuilder();
        text.Append("# Written by cordouand from the cluster's Ceph facts; local edits are overwritten.\n");
        text.Append("[global]\n");
        Line(text, "fsid", facts.Fsid);
        Line(text, "mon_host", string.Join(',', facts.Mons.Select(m => m.AddressVector)));
        Line(text, "mon_initial_members", string.Join(',', facts.Mons.Select(m => m.Name)));
        Line(text, "public_network", facts.PublicNetwork);
        Line(text, "cluster_network", facts.ClusterNetwork ?? facts.PublicNetwork);
        Line(text, "auth_cluster_required", "cephx");
        Line(text, "auth_service_required", "cephx");
        Line(text, "auth_client_required", "cephx");
        Line(text, "ms_bind_ipv4", ipv6 ? "false" : "true");
        Line(text, "ms_bind_ipv6", ipv6 ? "true" : "false");
        Line(text, "run_dir", paths.Run);
        // Daemons daemonize and write $type.$id.pid; the supervisor finds (and re-adopts) them through these files.
        Line(text, "pid_file", Path.Combine(paths.Run, "$type.$id.pid"));
        Line(text, "log_file", Path.Combine(paths.Log, "$cluster-$name.log"));
        Line(text, "osd_pool_default_size", facts.Size.ToString(CultureInfo.InvariantCulture));
        Line(text, "osd_pool_default_min_size", facts.MinSize.ToString(CultureInfo.InvariantCulture));
        // Proxmox allows deleting pools from its API; Ceph refuses unless the monitors allow it.
        Line(text, "mon_allow_pool_delete", "true");
        // 0 = replicas may share a host (one-host clusters), 1 = one replica per host.
        Line(text, "osd_crush_chooseleaf_type", facts.FailureDomain == "osd" ? "0" : "1");
        // The monitors mark an OSD down once peers in two different subtrees of this level report it: with replicas
        // on one host, "host" would count every peer as one reporter and a dead OSD would stay "up" (writes hang).
        Line(text, "mon_osd_reporter_subtree_level", facts.FailureDomain == "osd" ? "osd" : "host");
        text.Append("\n[client]\n");
        // A keyring line in [global] would make every daemon present the admin key.
        Line(text, "keyring", paths.AdminKeyring);
        // Several CLI calls at once must not collide on one admin socket.
        Line(text, "admin_socket", Path.Combine(paths.Run, "$cluster-$name.$pid.asok"));
        text.Append("\n[mon]\n");
        Line(text, "mon_data", Path.Combine(paths.DaemonRoot("mon"), "$cluster-$id"));
        Line(text, "admin_socket", Path.Combine(paths.Run, "$cluster-$name.asok"));
        Line(text, "auth_allow_insecure_global_id_reclaim", "false");
        text.Append("\n[mgr]\n");
        Line(text, "mgr_data", Path.Combine(paths.DaemonRoot("mgr"), "$cluster-$id"));
        Line(text, "keyring", Path.Combine(paths.DaemonRoot("mgr"), "$cluster-$id", "keyring"));
        Line(text, "admin_socket", Path.Combine(paths.Run, "$cluster-$name.asok"));
        text.Append("\n[osd]\n");
        Line(text, "osd_data", Path.Combine(paths.DaemonRoot("osd"), "$cluster-$id"));
        Line(text, "keyring", Path.Combine(paths.DaemonRoot("osd"), "$cluster-$id", "keyring"));
        Line(text, "admin_socket", Path.Combine(paths.Run, "$cluster-$name.asok"));
        Line(text, "osd_objectstore", "bluestore");
        // The CRUSH host is the Cordouan node, not the kernel's hostname: nodes in network namespaces share one hostname,
        // and "one replica per host" must mean one per node.
        Line(text, "crush_location", $"root=default host={nodeName}");
        foreach (var mon in facts.Mons)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[mon.{mon.Name}]\n");
            Line(text, "public_addr", mon.Ip);
            Line(text, "host", mon.Node);
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, string key, string value) => text.Append('\t').Append(key).Append(" = ").Append(value).Append('\n');
}
