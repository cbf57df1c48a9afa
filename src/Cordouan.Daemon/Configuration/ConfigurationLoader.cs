using Microsoft.Extensions.Configuration;
using Tomlyn;
using Tomlyn.Model;

namespace Cordouan.Daemon.Configuration;

/// <summary>
/// Reads the optional TOML config file (<c>--config FILE</c>, else /etc/cordouan/cordouand.toml if present) and the
/// command line into one configuration; the command line wins. Keys are kebab-case as on the command line.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>The config file read when <c>--config</c> is not given, if it exists.</summary>
    public const string DefaultConfigFile = "/etc/cordouan/cordouand.toml";

    private static readonly Dictionary<string, string> Switches =
        DaemonOptionTable.All.ToDictionary(o => o.Switch, o => o.Key, StringComparer.Ordinal);

    /// <summary>Switches that may stand alone (<c>--witness</c>), meaning "true".</summary>
    private static readonly HashSet<string> Flags =
        DaemonOptionTable.All.Where(o => o.IsFlag).Select(o => o.Switch).ToHashSet(StringComparer.Ordinal);

    /// <summary>The usage line and the options with their defaults, for <c>cordouand --help</c> and the unknown-option error.</summary>
    public static string Usage => DaemonOptionTable.Help(new DaemonOptions());

    public static IConfiguration Load(string[] args)
    {
        // The command-line provider would take any "--name value" as a setting nobody reads: a typo must not start a
        // daemon with defaults (its data directory, its ports) the operator did not mean.
        foreach (var arg in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            var name = arg.Split('=', 2)[0];
            if (!Switches.ContainsKey(name))
            {
                throw new ArgumentException($"unknown option '{name}'\n{Usage}");
            }
        }
        args = ExpandFlags(args);
        var commandLine = new ConfigurationBuilder().AddCommandLine(args, Switches).Build();
        var file = commandLine["config"] ?? (File.Exists(DefaultConfigFile) ? DefaultConfigFile : null);
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"config file '{file}' does not exist");
            }
            var table = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(file))
                ?? throw new InvalidDataException($"config file '{file}' is empty or not a TOML table");
            builder.AddInMemoryCollection(Flatten(table, prefix: ""));
        }
        builder.AddCommandLine(args, Switches);
        return builder.Build();
    }

    public static DaemonOptions Bind(IConfiguration configuration)
    {
        var options = new DaemonOptions();
        var dataDir = configuration["data-dir"];
        if (dataDir is not null)
        {
            options = options with { DataDirectory = Path.GetFullPath(dataDir) };
        }
        return options with
        {
            NodeName = configuration["node-name"] ?? options.NodeName,
            ClusterName = configuration["cluster-name"] ?? options.ClusterName,
            RunDirectory = configuration["run-dir"] is { } run ? Path.GetFullPath(run) : options.RunDirectory,
            OnBootMarker = configuration["onboot-marker"] is { Length: > 0 } marker ? Path.GetFullPath(marker) : options.OnBootMarker,
            Listen = configuration["listen"] ?? options.Listen,
            AdminPasswordFile = configuration["admin-password-file"] is { } pw ? Path.GetFullPath(pw) : null,
            Accelerator = configuration["accel"] is { } accel && Enum.TryParse<Core.Vms.Accelerator>(accel, ignoreCase: true, out var a) ? a
                : configuration["accel"] is { } bad ? throw new ArgumentException($"accel '{bad}' must be auto, kvm or tcg") : options.Accelerator,
            EtcdEndpoints = configuration["etcd-endpoints"] is { } endpoints
                ? endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : options.EtcdEndpoints,
            EtcdClientUrl = configuration["etcd-client-url"] ?? options.EtcdClientUrl,
            EtcdPeerUrl = configuration["etcd-peer-url"] ?? options.EtcdPeerUrl,
            EtcdBinary = configuration["etcd-binary"] ?? options.EtcdBinary,
            EtcdCaFile = configuration["etcd-cacert"] is { Length: > 0 } ca ? Path.GetFullPath(ca) : options.EtcdCaFile,
            EtcdCertFile = configuration["etcd-cert"] is { Length: > 0 } cert ? Path.GetFullPath(cert) : options.EtcdCertFile,
            EtcdKeyFile = configuration["etcd-key"] is { Length: > 0 } key ? Path.GetFullPath(key) : options.EtcdKeyFile,
            QemuBinary = configuration["qemu-binary"] ?? options.QemuBinary,
            Address = configuration["address"] ?? options.Address,
            MigrationAddress = configuration["migration-address"] ?? options.MigrationAddress,
            SyslogSocket = configuration["syslog-socket"] is { Length: > 0 } syslog ? Path.GetFullPath(syslog) : options.SyslogSocket,
            PamShadowFile = configuration["pam-shadow-file"] is { Length: > 0 } shadow ? Path.GetFullPath(shadow) : options.PamShadowFile,
            WebRoot = configuration["web-root"] is { Length: > 0 } web ? Path.GetFullPath(web) : options.WebRoot,
            HaWatchdog = configuration["ha-watchdog"] is { Length: > 0 } watchdog ? Path.GetFullPath(watchdog) : options.HaWatchdog,
            CephServiceManager = configuration["ceph-service-manager"] is { } csm
                ? Enum.TryParse<Ceph.CephServiceManager>(csm, ignoreCase: true, out var m) && !int.TryParse(csm, out _) ? m
                    : throw new ArgumentException($"ceph-service-manager '{csm}' must be auto, systemd or cordouand")
                : options.CephServiceManager,
            MetricsAllow = configuration["metrics-allow"] is { } allow ? MetricsNetworks(allow) : options.MetricsAllow,
            Witness = configuration["witness"] is { } witness
                ? bool.TryParse(witness, out var w) ? w : throw new ArgumentException($"witness '{witness}' must be true or false")
                : options.Witness,
        };
    }

    /// <summary>Comma-separated CIDRs (a bare address is one host); <c>none</c> or empty: credentials always needed.</summary>
    private static List<System.Net.IPNetwork> MetricsNetworks(string text)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (item == "none")
            {
                continue;
            }
            if (System.Net.IPNetwork.TryParse(item, out var network))
            {
                networks.Add(network);
            }
            else if (System.Net.IPAddress.TryParse(item, out var address))
            {
                networks.Add(new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new ArgumentException($"metrics-allow '{item}' is not a network (CIDR) or an address");
            }
        }
        return networks;
    }

    private static string[] ExpandFlags(string[] args)
    {
        var expanded = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var next = i + 1 < args.Length ? args[i + 1] : null;
            expanded.Add(Flags.Contains(args[i]) && next is not ("true" or "false") ? args[i] + "=true" : args[i]);
        }
        return [.. expanded];
    }

    private static IEnumerable<KeyValuePair<string, string?>> Flatten(TomlTable table, string prefix)
    {
        foreach (var (key, value) in table)
        {
            var name = prefix.Length == 0 ? key : $"{prefix}-{key}";
            switch (value)
            {
                case TomlTable nested:
                    foreach (var pair in Flatten(nested, name))
                    {
                        yield return pair;
                    }
                    break;
                case TomlArray array:
                    yield return new(name, string.Join(',', array.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
                    break;
                default:
                    yield return new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }
    }
}
