namespace Cordouan.Ceph.Config;

/// <summary>Every file this node's Ceph uses, derived from <see cref="CephOptions"/> (daemon data as <c>ceph-&lt;id&gt;</c>).</summary>
public sealed record CephPaths(string Root, string Run)
{
    public static CephPaths From(CephOptions options) => new(options.DataDirectory, options.RunDirectory);

    public string Conf => Path.Combine(Root, "ceph.conf");

    public string AdminKeyring => Path.Combine(Root, "ceph.client.admin.keyring");

    public string BootstrapOsdKeyring => Path.Combine(Root, "ceph.client.bootstrap-osd.keyring");

    public string Log => Path.Combine(Root, "log");

    public string DaemonRoot(string type) => Path.Combine(Root, type);

    public string DaemonData(string type, string id) => Path.Combine(Root, type, "ceph-" + id);

    public string PidFile(string type, string id) => Path.Combine(Run, $"{type}.{id}.pid");
}
