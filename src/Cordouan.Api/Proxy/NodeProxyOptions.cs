namespace Cordouan.Api.Proxy;

/// <summary>Bounds of request forwarding between nodes.</summary>
public sealed record NodeProxyOptions
{
    /// <summary>TCP connect plus TLS handshake with the owner node; past it the client gets 595.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a forwarded request may make no progress (long polls included); WebSockets have no bound.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a node's address is reused before its node document is read again.</summary>
    public TimeSpan AddressCacheTime { get; init; } = TimeSpan.FromSeconds(2);
}
