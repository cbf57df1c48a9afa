using System.Net;
using System.Text.RegularExpressions;
using Cordouan.Integration.Tests.Fixtures;
using Cordouan.Testing.Daemon;
using Xunit;

namespace Cordouan.Integration.Tests.Api;

/// <summary>Every route except login, version and the realm list requires credentials; login failures look exactly like Proxmox's.</summary>
[Collection("node")]
public sealed partial class AuthenticationTests(SharedNode shared)
{
    [Fact]
    public async Task EveryRoute_WithoutCredentials_Returns401()
    {
        var ct = TestContext.Current.CancellationToken;
        var openApi = await shared.Admin.GetAsync("/../openapi.json", ct);
        var paths = openApi.Body!["paths"]!.AsObject();
        Assert.True(paths.Count >= 30, $"expected the OpenAPI document to list the API, got {paths.Count} paths");
        using var anonymous = shared.Node.Anonymous();
        var checkedRoutes = 0;
        foreach (var (template, operations) in paths)
        {
            var path = Placeholder().Replace(template, m => m.Value switch
            {
                "{node}" => shared.Node.NodeName,
                "{vmid}" => "100",
                "{upid}" => "UPID:node1:00000001:00000001:00000001:qmstart:100:root@pam:",
                _ => "x",
            });
            foreach (var (method, _) in operations!.AsObject())
            {
                if ((template is "/api2/json/version" or "/api2/json/access/domains" && method == "get") || (template == "/api2/json/access/ticket" && method == "post"))
                {
                    continue;
                }
                var response = await anonymous.SendAsync(new HttpMethod(method.ToUpperInvariant()), path.Replace("/api2/json", "", StringComparison.Ordinal), null, ct);
                Assert.True(response.Status == HttpStatusCode.Unauthorized, $"{method.ToUpperInvariant()} {path} answered {(int)response.Status} without credentials");
                checkedRoutes++;
            }
        }
        Assert.True(checkedRoutes >= 40, $"only {checkedRoutes} routes checked");
        var openApiAnonymous = await anonymous.GetAsync("/../openapi.json", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, openApiAnonymous.Status);
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401WithProxmoxBody()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = shared.Node.Anonymous();
        var response = await http.LoginAsync("admin@pve", "wrong", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("authentication failure", response.Reason);
        Assert.NotNull(response.Body);
        Assert.Null(response.Data);
        Assert.Equal("authentication failure\n", response.Message);
    }

    [Fact]
    public async Task Write_WithTicketButWithoutCsrfToken_Returns401()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new HttpClient(PveHttp.PinnedHandler(shared.Node.CertificatePem))
        {
            BaseAddress = shared.Node.BaseAddress,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api2/json/nodes/{shared.Node.NodeName}/qemu")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["vmid"] = "290" }),
        };
        request.Headers.Add("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(shared.Admin.Ticket!));
        using var response = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Permission denied - invalid csrf token", response.ReasonPhrase);
    }

    [Fact]
    public async Task Version_WithoutCredentials_ReportsPveCompatibleVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = shared.Node.Anonymous();
        var version = (await anonymous.GetAsync("/version", ct)).EnsureOk().Data!;
        Assert.StartsWith("8.", version["version"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Domains_WithoutCredentials_ListsTheRealmsForTheLoginPage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = shared.Node.Anonymous();
        var realms = (await anonymous.GetAsync("/access/domains", ct)).EnsureOk().Data!.AsArray();
        Assert.Equal(["pam", "pve"], realms.Select(r => r!["realm"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UnknownPath_Returns501()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await shared.Admin.GetAsync("/no/such/thing", ct);
        Assert.Equal(HttpStatusCode.NotImplemented, response.Status);
        Assert.Equal("Method 'GET /no/such/thing' not implemented", response.Reason);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
