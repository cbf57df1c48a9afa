using System.Net;
using System.Text.RegularExpressions;
using Cordouan.Testing.Daemon;
using Cordouan.Ui.Tests.Fixtures;
using Xunit;

namespace Cordouan.Ui.Tests.Flows;

/// <summary>The real build (web/dist) as cordouand serves it: index revalidated, hashed assets cached for good and compressed.</summary>
[Collection("ui")]
public sealed partial class WebServingTests(UiNode ui)
{
    [Fact]
    public async Task Index_And_HashedAssets_CarryCacheAndSecurityHeaders()
    {
        ui.Require();
        var ct = TestContext.Current.CancellationToken;
        using var handler = PveHttp.PinnedHandler(ui.Node.CertificatePem);
        handler.AutomaticDecompression = DecompressionMethods.None;
        using var http = new HttpClient(handler) { BaseAddress = ui.Node.BaseAddress };

        using var index = await http.GetAsync("/", ct);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("no-cache", index.Headers.CacheControl?.ToString());
        var html = await index.Content.ReadAsStringAsync(ct);
        var assets = Asset().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + asset);
            request.Headers.AcceptEncoding.ParseAdd("br");
            using var response = await http.SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        }
        // A deep link to an app route (typed or bookmarked) still loads the app.
        using var deep = await http.GetAsync("/vm/100", ct);
        Assert.Equal(html, await deep.Content.ReadAsStringAsync(ct));
    }

    [GeneratedRegex("(?:src|href)=\"\\./(assets/[^\"]+)\"")]
    private static partial Regex Asset();
}
