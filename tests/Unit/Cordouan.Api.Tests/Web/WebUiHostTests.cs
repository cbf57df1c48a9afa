using System.Net;
using Cordouan.Api.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Cordouan.Api.Tests.Web;

/// <summary>The web UI branch on a real Kestrel host: what it serves, its headers, and that /api2 never reaches it.</summary>
public sealed class WebUiHostTests : IAsyncLifetime
{
    private const string Index = "<!doctype html><title>cordouan</title><script type=module src=\"./assets/index-3f2a1b.js\"></script>";
    private readonly string _root = Directory.CreateTempSubdirectory("webui-").FullName;
    private readonly string _script = "console.log('cordouan');\n" + string.Concat(Enumerable.Repeat("export const a = 'aaaaaaaaaaaaaaaaaaaa';\n", 200));
    private WebApplication? _app;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_root, "index.html"), Index, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_root, "assets", "index-3f2a1b.js"), _script, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_root, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", TestContext.Current.CancellationToken);
        (_app, _http) = await StartAsync(_root);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Get_Root_ServesIndexWithSecurityHeadersAndNoCache()
    {
        using var response = await _http.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Index, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HashedAsset_IsImmutableAndCompressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/index-3f2a1b.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WebUiHeaders.ImmutableCache, response.Headers.CacheControl?.ToString());
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(body.Length < _script.Length / 4, $"gzip body is {body.Length} bytes for {_script.Length}");
    }

    [Theory]
    [InlineData("/index.html")]
    [InlineData("/vm/100/console")]
    [InlineData("/node/node1")]
    public async Task Get_NonFilePath_FallsBackToIndex(string path)
    {
        using var response = await _http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Index, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_Favicon_ServedAsFile()
    {
        using var response = await _http.GetAsync("/favicon.svg", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_MissingAsset_Returns404NotIndex()
    {
        // A stale hashed name (after an upgrade) must fail loudly, not load index.html as a script.
        using var response = await _http.GetAsync("/assets/index-000000.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<title>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api2/json/version")]
    [InlineData("GET", "/api2/json/unknown")]
    [InlineData("POST", "/")]
    public async Task ApiAndNonGet_NeverReachTheWebBranch(string method, string path)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Get_Root_WithoutWebRoot_Returns404SayingWhereItLooked()
    {
        var missing = Path.Combine(_root, "nowhere");
        var (app, http) = await StartAsync(missing);
        await using (app)
        {
            using (http)
            {
                using var response = await http.GetAsync("/", TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Assert.Contains(Path.Combine(missing, "index.html"), text, StringComparison.Ordinal);
                Assert.Contains("--web-root", text, StringComparison.Ordinal);
            }
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    /// <summary>The web branch in front of a stand-in for the API (a 501 fallback endpoint, as the API has).</summary>
    private static async Task<(WebApplication App, HttpClient Http)> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var options = new WebUiOptions(root);
        builder.Services.AddCordouanWebUi(options);
        var app = builder.Build();
        app.UseCordouanWebUi(options);
        // As in the daemon: endpoint routing with a catch-all fallback, which matches every path before the web branch runs.
        app.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status501NotImplemented;
            return Task.CompletedTask;
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address) });
    }
}
