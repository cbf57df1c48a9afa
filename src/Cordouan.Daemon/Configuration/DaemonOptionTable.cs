using System.Text;

namespace Cordouan.Daemon.Configuration;

/// <summary>
/// Every cordouand option, in one place: the command-line parser accepts exactly these switches and <c>--help</c> lists
/// them with their defaults, so an option cannot be bound without being documented.
/// </summary>
public static class DaemonOptionTable
{
    public static readonly IReadOnlyList<DaemonOption> All =
    [
        new("config", "FILE", "TOML file with these settings (keys as below, without --); the command line wins",
            _ => File.Exists(ConfigurationLoader.DefaultConfigFile) ? ConfigurationLoader.DefaultConfigFile : $"{ConfigurationLoader.DefaultConfigFile} if present"),
        new("data-dir", "DIR", "State of this node: certificates, etcd data, task logs, local storage", o => o.DataDirectory),
        new("run-dir", "DIR", "Run files (QEMU sockets and pidfiles, HA guard socket)", o => o.EffectiveRunDirectory),
        new("onboot-marker", "FILE", "Marker on tmpfs telling the first start since the host booted, when the VMs marked onboot start (delete it to start them again)", o => o.OnBootMarker),
        new("listen", "ADDR[:PORT]", "HTTPS API listen address (port 8006 when omitted)", o => o.Listen),
        new("address", "ADDR", "Management address other nodes reach this one on", _ => "the listen address if specific, else the first non-loopback IPv4 address"),
        new("migration-address", "ADDR", "Address for migration traffic", _ => "the management address"),
        new("node-name", "NAME", "This node's name", o => o.NodeName),
        new("cluster-name", "NAME", "Cluster name when this node creates one", o => o.ClusterName),
        new("admin-password-file", "FILE", "File holding root@pam's password for a fresh cluster", _ => null),
        new("pam-shadow-file", "FILE", "Shadow file the pam realm checks host accounts against", o => o.PamShadowFile),
        new("accel", "auto|kvm|tcg", "QEMU accelerator (auto: kvm when /dev/kvm is usable)", o => o.Accelerator.ToString().ToLowerInvariant()),
        new("qemu-binary", "PATH", "QEMU system emulator", o => o.QemuBinary),
        new("etcd-endpoints", "URL,...", "External etcd cluster; empty: run and supervise a local etcd member", _ => "none (local member)"),
        new("etcd-client-url", "URL", "The local etcd member's client URL (https: mutual TLS with the cluster CA)", o => o.EtcdClientUrl),
        new("etcd-peer-url", "URL", "The local etcd member's peer URL (cluster network)", o => o.EtcdPeerUrl),
        new("etcd-binary", "PATH", "etcd program for the local member", o => o.EtcdBinary),
        new("etcd-cacert", "FILE", "CA of https etcd endpoints", o => Path.Combine(o.DataDirectory, "certs", "ca.pem")),
        new("etcd-cert", "FILE", "Client certificate presented to etcd", _ => "this node's certificate"),
        new("etcd-key", "FILE", "Key of --etcd-cert", _ => "this node's key"),
        new("witness", "[true|false]", "Only vote (etcd member) and answer the API; never run VMs", o => o.Witness ? "true" : "false") { IsFlag = true },
        new("ha-watchdog", "DEVICE", "Watchdog device the HA fence guard feeds (e.g. /dev/watchdog)", _ => "none"),
        new("ceph-service-manager", "auto|systemd|cordouand", "Who runs the Ceph daemons (auto: systemd when it is PID 1)", o => o.CephServiceManager.ToString().ToLowerInvariant()),
        new("syslog-socket", "PATH", "Syslog socket login failures are reported to (fail2ban)", o => o.SyslogSocket),
        new("web-root", "DIR", "Built web UI served at /", o => o.WebRoot),
        new("metrics-allow", "CIDR,...", "Networks whose callers read /metrics without credentials (others need Sys.Audit on /)", o => o.MetricsAllow.Count == 0 ? "none (credentials always needed)" : string.Join(",", o.MetricsAllow)),
    ];

    /// <summary>The text of <c>cordouand --help</c>.</summary>
    public static string Help(DaemonOptions defaults)
    {
        var text = new StringBuilder();
        text.AppendLine("usage: cordouand [OPTION VALUE]...");
        text.AppendLine($"Settings come from the command line, then the TOML file (--config, else {ConfigurationLoader.DefaultConfigFile}), then these defaults.");
        text.AppendLine();
        text.AppendLine("options:");
        var width = All.Max(o => o.Switch.Length + 1 + o.Value.Length);
        foreach (var option in All)
        {
            var head = $"{option.Switch} {option.Value}";
            text.AppendLine($"  {head.PadRight(width)}  {option.Description} (default: {option.Default(defaults) ?? "none"})");
        }
        text.AppendLine($"  {"--help".PadRight(width)}  Show this help");
        return text.ToString();
    }
}
