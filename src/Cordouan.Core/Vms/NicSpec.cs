namespace Cordouan.Core.Vms;

/// <summary>One NIC. Without a bridge it uses a restricted user-mode backend (no host networking needed).</summary>
/// <param name="Tag">Access VLAN on the bridge (1..4094); null for untagged.</param>
/// <param name="RateMegabytesPerSecond">Rate limit in MB/s (Proxmox's <c>rate</c>); null or 0 for none.</param>
public sealed record NicSpec(string Id, int Index, string Model, string MacAddress, string? Bridge, bool LinkDown, int? Tag = null, decimal? RateMegabytesPerSecond = null);
