namespace Cordouan.Node.Telemetry.MetricServers;

/// <summary>
/// One external metric server as Proxmox's <c>status.cfg</c> keeps it: its type (<c>influxdb</c>, <c>graphite</c>) and
/// its options under Proxmox's names (server, port, disable, influxdbproto, bucket, …). The token is stored apart.
/// </summary>
public sealed record MetricServerDocument
{
    public int SchemaVersion { get; init; } = 1;
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required IReadOnlyDictionary<string, string> Options { get; init; }

    public string? Option(string name) => Options.TryGetValue(name, out var value) ? value : null;

    public bool Disabled => Option("disable") is "1" or "true";
}
