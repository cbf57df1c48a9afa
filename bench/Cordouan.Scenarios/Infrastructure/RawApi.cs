using System.Diagnostics;
using System.Net;
using Cordouan.Testing.Daemon;

namespace Cordouan.Scenarios.Infrastructure;

/// <summary>
/// Timed GETs on the API that read the body as bytes without parsing it, so the figure is the server's answer
/// and its transfer, not the client's JSON parsing. Authenticates with the ticket of a logged-in <see cref="PveHttp"/>.
/// </summary>
public sealed class RawApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _cookie;

    public RawApi(Uri baseAddress, string certificatePem, string ticket)
    {
        _http = new HttpClient(PveHttp.PinnedHandler(certificatePem)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _cookie = "PVEAuthCookie=" + Uri.EscapeDataString(ticket);
    }

    /// <summary>GETs <c>/api2/json</c> + <paramref name="path"/>; returns the elapsed time and the body; throws unless 200.</summary>
    public async Task<(TimeSpan Elapsed, byte[] Body)> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api2/json" + path);
        request.Headers.Add("Cookie", _cookie);
        var start = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        return (elapsed, body);
    }

    public void Dispose() => _http.Dispose();
}
