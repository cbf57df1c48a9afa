using System.Net;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Api;

/// <summary>
/// The web UI branch of a real cordouand (issue 8): outside /api2 a GET needs no ticket and carries the security headers;
/// /api2 still demands one. The shared node runs with the default web root (www next to the binary), which exists only
/// when web/dist was built before the daemon, so both answers are checked: the app, or a 404 that says where it looked.
/// </summary>
[Collection("node")]
public sealed class WebUiServingTests(SharedNode shared)
{
    [Fact]
    public async Task GetRoot_WithoutTicket_ServesAppOrSaysWhereItLooked()
    {
        var ct = TestContext.Current.CancellationToken;
        using var handler = PveHttp.PinnedHandler(shared.Node.CertificatePem);
        using var http = new HttpClient(handler) { BaseAddress = shared.Node.BaseAddress };

        using var root = await http.GetAsync("/", ct);
        var body = await root.Content.ReadAsStringAsync(ct);
        var www = Path.Combine(Path.GetDirectoryName(RepoPaths.Cordouand)!, "www", "index.html");
        if (File.Exists(www))
        {
            Assert.Equal(HttpStatusCode.OK, root.StatusCode);
            Assert.Equal(await File.ReadAllTextAsync(www, ct), body);
            Assert.Equal("no-cache", root.Headers.CacheControl?.ToString());
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
            Assert.Contains(www, body, StringComparison.Ordinal);
        }
        Assert.Equal("nosniff", string.Join(",", root.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join(",", root.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("default-src 'self'", string.Join(",", root.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);

        using var api = await http.GetAsync("/api2/json/cluster/resources", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.False(api.Headers.Contains("Content-Security-Policy"));
    }
}
