namespace Cordouan.Ceph.Config;

/// <summary>
/// Every file this node's Ceph uses, derived from <see cref="CephOptions"/> (daemon data as <c>ceph-&lt;id&gt;</c>).
/// <paramref name="Root"/> holds ceph.conf and the keyrings; daemon data lives under <paramref name="DaemonBase"/>
/// (default <paramref name="Root"/>), logs in <paramref name="LogDirectory"/> (default ROOT/log).
/// </summary>
public sealed record CephPaths(string Root, string Run, string? DaemonBase = null, string? LogDirectory = null)
{
    /// <summary>
    /// Ceph's standard layout for cluster "ceph", the one its systemd units start daemons from
    /// (<c>--cluster ceph --id ID</c>: /etc/ceph/ceph.conf, /var/lib/ceph/TYPE/ceph-ID); /run/ceph comes from
    /// Ceph's tmpfiles.d entry and /var/log/ceph from its package, both owned by ceph.
    /// </summary>
    public static readonly CephPaths Standard = new("/etc/ceph", "/run/ceph", "/var/lib/ceph", "/var/log/ceph");

    public static CephPaths From(CephOptions options) => options.ServiceManager == CephServiceManager.Systemd
        ? Standard
        : new(options.DataDirectory, options.RunDirectory);

    public string Conf => Path.Combine(Root, "ceph.conf");

    public string AdminKeyring => Path.Combine(Root, "ceph.client.admin.keyring");

    public string BootstrapOsdKeyring => Path.Combine(Root, "ceph.client.bootstrap-osd.keyring");

    public string Log => LogDirectory ?? Path.Combine(Root, "log");

    public string DaemonRoot(string type) => Path.Combine(DaemonBase ?? Root, type);

    public string DaemonData(string type, string id) => Path.Combine(DaemonBase ?? Root, type, "ceph-" + id);

    public string PidFile(string type, string id) => Path.Combine(Run, $"{type}.{id}.pid");
}
