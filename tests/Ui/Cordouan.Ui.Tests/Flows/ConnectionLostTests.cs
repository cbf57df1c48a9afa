using Cordouan.Ui.Tests.Fixtures;
using Microsoft.Playwright;
using Xunit;

namespace Cordouan.Ui.Tests.Flows;

/// <summary>The app notices a daemon that stops answering and recovers by itself when it is back, without a reload.</summary>
[Collection("ui")]
public sealed class ConnectionLostTests(UiNode ui)
{
    [Fact]
    public async Task Banner_DaemonStoppedThenStarted_ShownThenGoneWithoutReload()
    {
        await using var browser = await ui.OpenAsync();
        await browser.LoginAsync("admin", ui.Node.AdminPassword);
        await Assertions.Expect(browser.ByTestId("tree")).ToBeVisibleAsync();
        await Assertions.Expect(browser.ByTestId("connection-lost")).ToHaveCountAsync(0);
        // A marker on the window: a reload would drop it.
        await browser.Page.EvaluateAsync("() => { window.__cordouanNoReload = true; }");

        await ui.Node.StopAsync();
        try
        {
            await Assertions.Expect(browser.ByTestId("connection-lost")).ToBeVisibleAsync();
            await browser.ShotAsync("connection-lost");
        }
        finally
        {
            await ui.Node.StartAsync(TestContext.Current.CancellationToken);
        }

        await Assertions.Expect(browser.ByTestId("connection-lost")).ToHaveCountAsync(0);
        await Assertions.Expect(browser.ByTestId("tree")).ToBeVisibleAsync();
        Assert.True(await browser.Page.EvaluateAsync<bool>("() => window.__cordouanNoReload === true"), "the page was reloaded");
        await browser.ShotAsync("recovered");
    }
}
