using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Nodes;

/// <summary>One item of <c>GET /nodes</c>.</summary>
public sealed record NodeItem
{
    [JsonPropertyName("node")]
    public required string Node { get; init; }

    /// <summary><c>online</c>, <c>offline</c> or <c>unknown</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("cpu")]
    public double? Cpu { get; init; }

    [JsonPropertyName("maxcpu")]
    public int? MaxCpu { get; init; }

    [JsonPropertyName("mem")]
    public long? Mem { get; init; }

    [JsonPropertyName("maxmem")]
    public long? MaxMem { get; init; }

    [JsonPropertyName("disk")]
    public long? Disk { get; init; }

    [JsonPropertyName("maxdisk")]
    public long? MaxDisk { get; init; }

    [JsonPropertyName("uptime")]
    public long? Uptime { get; init; }

    [JsonPropertyName("level")]
    public string? Level { get; init; }

    /// <summary>Cordouan extension: true for a node in maintenance mode (it takes no new VMs).</summary>
    [JsonPropertyName("maintenance")]
    public bool? Maintenance { get; init; }

    [JsonPropertyName("ssl_fingerprint")]
    public string? SslFingerprint { get; init; }
}
