using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ceph;

/// <summary>One raised health check.</summary>
public sealed record CephHealthCheck
{
    [JsonPropertyName("severity")]
    public string? Severity { get; init; }

    [JsonPropertyName("summary")]
    public CephHealthSummary? Summary { get; init; }
}
