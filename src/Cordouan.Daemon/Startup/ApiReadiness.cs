using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Cordouan.Daemon.Configuration;

namespace Cordouan.Daemon.Startup;

/// <summary>
/// Waits until the API answers an HTTPS request on its listen address (any status: 401 is an answer), as a client
/// would see it; systemd hears READY=1 only then. The node's own certificate (its fingerprint, as
/// <see cref="Certificates.NodeCertificates.Fingerprint"/> prints it) is the only one accepted.
/// </summary>
public static class ApiReadiness
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task WaitAsync(DaemonOptions options, string certificateFingerprint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (host, port) = options.ListenEndpoint;
        var address = IPAddress.Parse(host);
        if (address.Equals(IPAddress.Any))
        {
            address = IPAddress.Loopback;
        }
        else if (address.Equals(IPAddress.IPv6Any))
        {
            address = IPAddress.IPv6Loopback;
        }
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", CultureInfo.InvariantCulture))) == certificateFingerprint;
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var uri = new UriBuilder("https", address.ToString(), port, "/api2/json/version").Uri;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var last = "no answer yet";
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(uri, deadline.Token);
                return;
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                last = $"no answer within {client.Timeout.TotalSeconds:0} s";
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the API at {uri} did not answer within {timeout.TotalSeconds:0} s ({last})");
            }
            try
            {
                await Task.Delay(PollInterval, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the API at {uri} did not answer within {timeout.TotalSeconds:0} s ({last})");
            }
        }
    }
}
