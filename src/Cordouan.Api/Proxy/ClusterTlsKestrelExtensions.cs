using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Cordouan.Api.Proxy;

/// <summary>Server side of node-to-node mTLS on the API listener.</summary>
public static class ClusterTlsKestrelExtensions
{
    /// <summary>
    /// Asks for a client certificate without requiring one: users connect without, peer nodes present their node
    /// certificate, which is accepted only if it chains to the cluster CA (any other presented certificate fails the handshake).
    /// </summary>
    public static HttpsConnectionAdapterOptions AllowClusterClientCertificates(this HttpsConnectionAdapterOptions https, ClusterTls tls)
    {
        https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
        https.CheckCertificateRevocation = false;
        https.ClientCertificateValidation = tls.ValidateClientCertificate;
        return https;
    }
}
