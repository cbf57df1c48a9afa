using System.Text.RegularExpressions;
using Cordouan.Testing;
using Cordouan.Ui.Tests.Fixtures;
using Microsoft.Playwright;
using Xunit;

namespace Cordouan.Ui.Tests.Flows;

/// <summary>The app behind a real nginx on a sub-path (/cordouan/): relative URLs, the cookie path, and websockets through it.</summary>
[Collection("ui")]
public sealed partial class ReverseProxyTests(UiNode ui)
{
    private const int VmId = 190;

    [Fact]
    public async Task SubPath_LoginAndSerialConsoleWebSocket_WorkThroughNginx()
    {
        ui.Require();
        UiRequirements.Require(File.Exists(NginxProxy.Binary) ? null : $"{NginxProxy.Binary} is missing (apt-get install nginx-light)");
        var ct = TestContext.Current.CancellationToken;
        await using var nginx = await NginxProxy.StartAsync(ui.Node.ApiPort, ct);
        await using var browser = await ui.OpenAsync(nginx.Url);
        await browser.ShotAsync("login-via-proxy");

        await browser.LoginAsync("admin", ui.Node.AdminPassword);
        await Assertions.Expect(browser.ByTestId($"tree-node-{ui.Node.NodeName}")).ToBeVisibleAsync();
        await browser.ShotAsync("tree-via-proxy");
        // The ticket cookie is scoped to the sub-path the app is published under.
        var cookie = Assert.Single(await browser.Page.Context.CookiesAsync(), c => c.Name == "PVEAuthCookie");
        Assert.Equal("/cordouan/", cookie.Path);

        await ui.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{ui.Node.NodeName}/qemu", new()
        {
            ["vmid"] = "190",
            ["name"] = "proxied",
            ["memory"] = "160",
            ["scsi0"] = $"local:0,import-from={ui.Node.ImportVolume(ui.GuestImage)}",
            ["serial0"] = "socket",
            ["boot"] = "order=scsi0",
            ["scsihw"] = "virtio-scsi-pci",
            ["start"] = "1",
        }, ct);
        try
        {
            // The console websocket as the app opens it: a URL relative to document.baseURI, the cookie sent by the browser.
            var text = await browser.Page.EvaluateAsync<string>("""
                async ([path, timeoutMs]) => {
                  const url = new URL(path, document.baseURI);
                  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
                  const socket = new WebSocket(url, ["binary"]);
                  socket.binaryType = "arraybuffer";
                  const decoder = new TextDecoder();
                  let text = "";
                  return await new Promise((resolve) => {
                    const done = (why) => { try { socket.close(); } catch {} resolve(text + why); };
                    const timer = setTimeout(() => done("\n[timeout]"), timeoutMs);
                    socket.onopen = () => socket.send(new TextEncoder().encode("\r"));
                    socket.onerror = () => { clearTimeout(timer); done("\n[error]"); };
                    socket.onclose = (e) => { clearTimeout(timer); done(`\n[closed ${e.code}]`); };
                    socket.onmessage = (e) => {
                      text += decoder.decode(e.data, { stream: true });
                      if (/HB \d+/.test(text)) { clearTimeout(timer); done(""); }
                    };
                  });
                }
                """, new object[] { $"api2/json/nodes/{ui.Node.NodeName}/qemu/{VmId}/serialwebsocket", 120_000 });
            Assert.True(Heartbeat().IsMatch(text), $"no guest heartbeat through nginx; got: {text}\nnginx: {await nginx.ReadErrorLogAsync()}");
            await browser.ShotAsync("console-via-proxy");
        }
        finally
        {
            await ui.Admin.RunTaskAsync(HttpMethod.Post, $"/nodes/{ui.Node.NodeName}/qemu/{VmId}/status/stop", null, ct);
            await ui.Admin.RunTaskAsync(HttpMethod.Delete, $"/nodes/{ui.Node.NodeName}/qemu/{VmId}", null, ct);
        }
    }

    [GeneratedRegex(@"HB \d+")]
    private static partial Regex Heartbeat();
}
