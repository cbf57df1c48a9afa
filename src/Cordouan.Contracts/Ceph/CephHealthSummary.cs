using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Ceph;

/// <summary>A health check's one-line text.</summary>
public sealed record CephHealthSummary
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
