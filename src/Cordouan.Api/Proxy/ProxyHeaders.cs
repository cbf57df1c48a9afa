using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace Cordouan.Api.Proxy;

/// <summary>The header marking a request forwarded by a peer node, and who is believed when sending it.</summary>
public static class ProxyHeaders
{
    public const string ProxiedFrom = "X-Cordouan-Proxied-From";

    /// <summary>
    /// The forwarding node a request names, or null. The header is believed only on a connection that presented a
    /// cluster node certificate; from anyone else it is removed, so nothing downstream can be fooled by it.
    /// </summary>
    public static string? TakeProxiedFrom(HttpRequest request, Func<X509Certificate2, bool> isNodeCertificate)
    {
        if (!request.Headers.TryGetValue(ProxiedFrom, out var value))
        {
            return null;
        }
        if (request.HttpContext.Connection.ClientCertificate is { } certificate && isNodeCertificate(certificate))
        {
            return value.ToString();
        }
        request.Headers.Remove(ProxiedFrom);
        return null;
    }
}
