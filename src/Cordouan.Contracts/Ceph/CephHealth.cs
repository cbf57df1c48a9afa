using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ceph;

/// <summary><c>health</c>: overall status (<c>HEALTH_OK</c>, <c>HEALTH_WARN</c>, <c>HEALTH_ERR</c>) and the checks raised.</summary>
public sealed record CephHealth
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("checks")]
    public IReadOnlyDictionary<string, CephHealthCheck>? Checks { get; init; }
}
