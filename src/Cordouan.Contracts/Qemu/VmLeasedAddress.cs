using System.Text.Json.Serialization;

namespace Cordouan.Contracts.Qemu;

/// <summary>One item of the <c>cordouan-ips</c> extension of a VM status: a NIC's address from its NAT bridge's DHCP lease.</summary>
public sealed record VmLeasedAddress
{
    /// <summary>The NIC's config key (<c>net0</c>).</summary>
    [JsonPropertyName("net")]
    public required string Net { get; init; }

    [JsonPropertyName("mac")]
    public string? Mac { get; init; }

    [JsonPropertyName("ip")]
    public required string Ip { get; init; }

    [JsonPropertyName("bridge")]
    public string? Bridge { get; init; }
}
