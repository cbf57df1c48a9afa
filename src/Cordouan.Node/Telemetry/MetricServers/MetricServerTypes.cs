namespace Cordouan.Node.Telemetry.MetricServers;

/// <summary>The options each type of metric server takes (Proxmox's PVE::Status plugins), besides <c>type</c>.</summary>
public static class MetricServerTypes
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Options { get; } = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        ["influxdb"] = new HashSet<string>(StringComparer.Ordinal)
        {
            "server", "port", "disable", "influxdbproto", "organization", "bucket", "token", "api-path-prefix", "max-body-size",
            "verify-certificate", "timeout", "mtu",
        },
        ["graphite"] = new HashSet<string>(StringComparer.Ordinal) { "server", "port", "disable", "path", "proto", "timeout", "mtu" },
    };

    /// <summary>Every option of every type, and those of types Cordouan does not send to (so that they are read, then refused).</summary>
    public static IReadOnlyList<string> AllOptions { get; } =
    [
        "server", "port", "disable", "influxdbproto", "organization", "bucket", "token", "api-path-prefix", "max-body-size",
        "verify-certificate", "timeout", "mtu", "path", "proto", "otel-compression", "otel-headers", "otel-max-body-size",
        "otel-path", "otel-protocol", "otel-resource-attributes", "otel-timeout", "otel-verify-ssl",
    ];
}
