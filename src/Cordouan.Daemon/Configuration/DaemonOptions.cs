using Cordouan.Core.Vms;

namespace Cordouan.Daemon.Configuration;

/// <summary>
/// Settings of one cordouand. Every value has a default that works with no config at all; a throwaway node only needs
/// <c>--data-dir</c> (everything then lives under it).
/// </summary>
public sealed record DaemonOptions
{
    public string NodeName { get; init; } = Environment.MachineName.Split('.')[0];
    public string ClusterName { get; init; } = "cordouan";
    public string DataDirectory { get; init; } = "/var/lib/cordouan";
    /// <summary>Run files (QEMU sockets, pidfiles); defaults to /run/cordouan, or DATA/run in --data-dir mode.</summary>
    public string? RunDirectory { get; init; }
    /// <summary>
    /// The marker telling the first daemon start since the host booted (then the VMs marked onboot start); on tmpfs so
    /// that a reboot clears it (it also holds the kernel's boot id, so a path elsewhere still works).
    /// </summary>
    public string OnBootMarker { get; init; } = "/run/cordouan/onboot-started";
    /// <summary>API listen address, <c>ADDR[:PORT]</c>; port 8006 when omitted.</summary>
    public string Listen { get; init; } = "0.0.0.0:8006";
    public string? AdminPasswordFile { get; init; }
    public Accelerator Accelerator { get; init; } = Accelerator.Auto;
    /// <summary>External etcd endpoints; empty = run and supervise a local etcd member.</summary>
    public IReadOnlyList<string> EtcdEndpoints { get; init; } = [];
    /// <summary>
    /// The local etcd member's client URL; https (the default) means clients must present a certificate from the
    /// cluster CA. A plain http URL opens the whole cluster state to every local process: only for explicit setups.
    /// </summary>
    public string EtcdClientUrl { get; init; } = "https://127.0.0.1:2379";
    /// <summary>For https etcd endpoints: the CA the members' certificates chain to; default this node's cluster CA (DATA/certs/ca.pem).</summary>
    public string? EtcdCaFile { get; init; }
    /// <summary>For https etcd endpoints: the client certificate presented to etcd; default this node's own (issued by the cluster CA).</summary>
    public string? EtcdCertFile { get; init; }
    /// <summary>The key of <see cref="EtcdCertFile"/>.</summary>
    public string? EtcdKeyFile { get; init; }
    /// <summary>etcd peer URL (the cluster network); https (the default) means mutual TLS with the cluster CA between members.</summary>
    public string EtcdPeerUrl { get; init; } = "https://127.0.0.1:2380";
    public string EtcdBinary { get; init; } = "etcd";
    public string QemuBinary { get; init; } = "qemu-system-x86_64";
    /// <summary>Management address other nodes and proxied requests use; defaults to the listen address when that is specific.</summary>
    public string? Address { get; init; }
    /// <summary>Address for migration traffic (a separate network if the site has one); defaults to <see cref="EffectiveAddress"/>.</summary>
    public string? MigrationAddress { get; init; }
    /// <summary>Who runs the Ceph daemons: auto = Ceph's systemd units when systemd is PID 1, else cordouand's supervisor.</summary>
    public Ceph.CephServiceManager CephServiceManager { get; init; } = Ceph.CephServiceManager.Auto;
    /// <summary>A witness only votes (etcd member) and answers the API; it never runs VMs.</summary>
    public bool Witness { get; init; }
    /// <summary>
    /// A watchdog device (<c>/dev/watchdog</c>, e.g. softdog's) the HA fence guard feeds; it stops feeding, and the host
    /// resets, only if an HA VM it must kill survives SIGKILL, or if the guard itself dies. Unset: no watchdog.
    /// </summary>
    public string? HaWatchdog { get; init; }
    /// <summary>The local syslog socket login failures go to, in Proxmox's format (for fail2ban); skipped while it does not exist.</summary>
    public string SyslogSocket { get; init; } = "/dev/log";
    /// <summary>
    /// The shadow file the <c>pam</c> realm checks host accounts against (root@pam included). The host's by default; tests
    /// point it at a file of their own so they can act as root@pam without touching the host's accounts.
    /// </summary>
    public string PamShadowFile { get; init; } = "/etc/shadow";
    /// <summary>
    /// Networks (CIDR) whose callers may read <c>/metrics</c> without credentials; others need Sys.Audit on /. None by
    /// default, loopback included: any local account reaches loopback, and the series name every VM of the node.
    /// </summary>
    public IReadOnlyList<System.Net.IPNetwork> MetricsAllow { get; init; } = [];
    /// <summary>The built web UI (index.html, assets/) served at <c>/</c>; the build copies web/dist to <c>www</c> next to the binary.</summary>
    public string WebRoot { get; init; } = Path.Combine(AppContext.BaseDirectory, "www");

    /// <summary>
    /// The advertised management address: <see cref="Address"/>, else the listen address unless it is a wildcard,
    /// else the first non-loopback IPv4 address of this host, else 127.0.0.1.
    /// </summary>
    public string EffectiveAddress
    {
        get
        {
            if (!string.IsNullOrEmpty(Address))
            {
                return Address;
            }
            var host = ListenEndpoint.Host;
            if (System.Net.IPAddress.TryParse(host, out var ip) && !ip.Equals(System.Net.IPAddress.Any) && !ip.Equals(System.Net.IPAddress.IPv6Any))
            {
                return host;
            }
            return System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .Where(i => i.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up)
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a))
                ?.ToString() ?? "127.0.0.1";
        }
    }

    public string EffectiveRunDirectory => RunDirectory ?? Path.Combine(DataDirectory, "run");

    public (string Host, int Port) ListenEndpoint
    {
        get
        {
            var text = Listen;
            var colon = text.LastIndexOf(':');
            if (colon > 0 && !text.EndsWith(']') && int.TryParse(text[(colon + 1)..], out var port))
            {
                return (text[..colon].Trim('[', ']'), port);
            }
            return (text.Trim('[', ']'), 8006);
        }
    }
}
