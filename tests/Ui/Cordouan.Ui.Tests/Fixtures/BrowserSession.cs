using System.Globalization;
using Cordouan.Testing.Daemon;
using Microsoft.Playwright;
using Xunit;

namespace Cordouan.Ui.Tests.Fixtures;

/// <summary>
/// One browser context and page for one test. Every step can be photographed to
/// <c>test-results/ui/&lt;TestName&gt;/&lt;NN-step&gt;.png</c>; the page's console errors (CSP violations included) are kept.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>Upper bound of every Playwright wait (actions, expectations, navigation).</summary>
    public const float TimeoutMs = 30_000;

    private readonly IBrowserContext _context;
    private readonly string _directory;
    private readonly List<string> _consoleErrors = [];
    private int _step;

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        var test = TestContext.Current.TestMethod?.MethodName ?? "unknown";
        _directory = Path.Combine(RepoPaths.Root, "test-results", "ui", test);
        Directory.CreateDirectory(_directory);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add(message.Text);
                }
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Errors the page logged (CSP violations are reported there).</summary>
    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _consoleErrors];
            }
        }
    }

    public static async Task<BrowserSession> OpenAsync(IBrowserContext context, string url)
    {
        context.SetDefaultTimeout(TimeoutMs);
        context.SetDefaultNavigationTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        await page.GotoAsync(url);
        return session;
    }

    public ILocator ByTestId(string id) => Page.GetByTestId(id);

    /// <summary>Saves a screenshot named <c>NN-step.png</c>.</summary>
    public Task ShotAsync(string step) =>
        Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(_directory, $"{(++_step).ToString("00", CultureInfo.InvariantCulture)}-{step}.png"),
            FullPage = true,
        });

    /// <summary>Logs in through the login form and waits for the resource tree.</summary>
    public async Task LoginAsync(string user, string password, string realm = "pve")
    {
        await Assertions.Expect(ByTestId("login-form")).ToBeVisibleAsync();
        await ByTestId("login-username").FillAsync(user);
        await ByTestId("login-password").FillAsync(password);
        await ByTestId("login-realm").SelectOptionAsync(realm);
        await ShotAsync("login-filled");
        await ByTestId("login-submit").ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
    }
}
