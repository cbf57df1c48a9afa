using Cordouan.Ui.Tests.Fixtures;
using Microsoft.Playwright;
using Xunit;

namespace Cordouan.Ui.Tests.Flows;

/// <summary>Logging in through the SPA served by cordouand, as an operator's first visit.</summary>
[Collection("ui")]
public sealed class LoginTests(UiNode ui)
{
    [Fact]
    public async Task Login_AdminPassword_ShowsTreeWithNodeAndCurrentUser()
    {
        await using var browser = await ui.OpenAsync();
        await browser.ShotAsync("login-page");

        await browser.LoginAsync("admin", ui.Node.AdminPassword);

        await Assertions.Expect(browser.ByTestId("tree")).ToBeVisibleAsync();
        await Assertions.Expect(browser.ByTestId($"tree-node-{ui.Node.NodeName}")).ToBeVisibleAsync();
        await Assertions.Expect(browser.ByTestId("current-user")).ToContainTextAsync("admin@pve");
        await browser.ShotAsync("logged-in");
        // The CSP the daemon sends must not block anything the app does (violations are logged as console errors).
        Assert.DoesNotContain(browser.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsLoginErrorAndNoTree()
    {
        await using var browser = await ui.OpenAsync();

        await browser.LoginAsync("admin", "not-the-password");

        await Assertions.Expect(browser.ByTestId("login-error")).ToBeVisibleAsync();
        await Assertions.Expect(browser.ByTestId("tree")).ToHaveCountAsync(0);
        await browser.ShotAsync("login-error");
    }
}
