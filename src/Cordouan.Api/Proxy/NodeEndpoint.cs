using System.Globalization;
using System.Net.Sockets;

namespace Cordouan.Api.Proxy;

/// <summary>Where a node's API answers, from its node document.</summary>
public sealed record NodeEndpoint(string Name, string Address, int ApiPort)
{
    /// <summary>The forwarding destination prefix, e.g. <c>https://10.0.0.2:8006</c> (IPv6 in brackets).</summary>
    public string BaseAddress
    {
        get
        {
            var host = System.Net.IPAddress.TryParse(Address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address;
            return string.Create(CultureInfo.InvariantCulture, $"https://{host}:{ApiPort}");
        }
    }
}
