namespace Cordouan.Core.Network;

/// <summary>What a VM NIC's tap needs on the host: its bridge, an access VLAN (<c>tag</c>) and a rate limit in MB/s (<c>rate</c>).</summary>
public sealed record TapAttachment(string Tap, string Bridge, int? Tag, decimal? RateMegabytesPerSecond);
