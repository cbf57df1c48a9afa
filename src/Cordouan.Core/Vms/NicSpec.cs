namespace Cordouan.Core.Vms;

/// <summary>One NIC. Without a bridge it uses a restricted user-mode backend (no host networking needed).</summary>
public sealed record NicSpec(string Id, int Index, string Model, string MacAddress, string? Bridge, bool LinkDown);
