using Cordouan.Testing;
using Cordouan.Testing.Daemon;
using Microsoft.Playwright;
using Xunit;

namespace Cordouan.Ui.Tests.Fixtures;

/// <summary>
/// One real cordouand serving the repo's web/dist (<c>--web-root</c>), the test guest image, and a headless Debian Chromium
/// driven by Playwright. Shared by the "ui" collection (its tests run one after the other).
/// </summary>
public sealed class UiNode : IAsyncLifetime
{
    private static readonly TestGuest Guest = new(Environment.GetEnvironmentVariable("CORDOUAN_TEST_GUEST_DIR"));
    private IPlaywright? _playwright;
    private string? _missing;

    public CordouandNode Node { get; } = new(extraArguments: ["--web-root", UiRequirements.WebDist]);

    public string GuestImage { get; private set; } = "";

    public PveHttp Admin { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app's address (the daemon serves it at /).</summary>
    public string AppUrl => Node.BaseAddress + "";

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        _missing = await UiRequirements.MissingAsync(timeout.Token);
        if (_missing is not null || Requirements.FindOnPath("qemu-system-x86_64") is null || Requirements.FindOnPath("etcd") is null)
        {
            _missing ??= "qemu-system-x86_64 and etcd are needed (scripts/install-deps.sh)";
            return;
        }
        GuestImage = await Guest.GetImageAsync(timeout.Token);
        await Node.StartAsync(timeout.Token);
        Admin = await Node.AdminAsync(timeout.Token);
        // Expectations poll the page up to this bound (Playwright's default is 5 s; a TCG host under load needs more).
        Assertions.SetDefaultExpectTimeout(BrowserSession.TimeoutMs);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = UiRequirements.Chromium,
            Headless = true,
            Timeout = 30_000,
            // Chromium's sandbox refuses to run as root, which the tests are (they run QEMU and netns).
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>Skips (locally) or fails (CI) the calling test when the fixture could not start for want of a program.</summary>
    public void Require() => UiRequirements.Require(_missing);

    /// <summary>A fresh browser context (own cookies and storage) on the app, with step screenshots for the current test.</summary>
    public async Task<BrowserSession> OpenAsync(string? url = null)
    {
        Require();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true, // the node's self-signed certificate, as an operator's first visit
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        return await BrowserSession.OpenAsync(context, url ?? AppUrl);
    }

    public async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        Admin?.Dispose();
        await Node.DisposeAsync();
    }
}

[CollectionDefinition("ui")]
public sealed class UiNodeCollection : ICollectionFixture<UiNode>;
