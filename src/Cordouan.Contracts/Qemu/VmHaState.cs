using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Qemu;

/// <summary>The <c>ha</c> object of a VM status.</summary>
public sealed record VmHaState
{
    [JsonPropertyName("managed")]
    public bool Managed { get; init; }

    [JsonPropertyName("state")]
    public string? State { get; init; }
}
