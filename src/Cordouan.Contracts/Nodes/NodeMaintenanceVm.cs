using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Nodes;

/// <summary>One VM still on a node, in <see cref="NodeMaintenance"/>.</summary>
public sealed record NodeMaintenanceVm
{
    [JsonPropertyName("vmid")]
    public required int VmId { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary><c>running</c> or <c>stopped</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("lock")]
    public string? Lock { get; init; }
}
