using System.Globalization;
using System.Text.Json.Nodes;
using Cordouan.Scenarios.ClusterResources;
using Cordouan.Scenarios.Measurement;
using Cordouan.Scenarios.Reporting;
using Microsoft.Playwright;

namespace Cordouan.Scenarios.WebUi;

/// <summary>
/// The web UI with 1,000 VMs, in Debian's Chromium: from navigation start to an interactive main view (the tree lists
/// every VM and a click on one opens its page), cold (new browser context, empty cache) and warm (same context), against
/// the time the same browser takes to fetch and parse <c>/cluster/resources</c>. Times are read from the page's own clock
/// (performance.now(), whose origin is the navigation start), sampled every frame.
/// </summary>
public sealed class WebUiScenario(BenchContext context)
{
    private const string Name = "ui";
    private const string Chromium = "/usr/bin/chromium";
    private const int Vms = 1000;
    private const int Loads = 5;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing (apt-get install chromium)");
        }
        if (!File.Exists(Path.Combine(BenchContext.WebDist, "index.html")))
        {
            throw new InvalidOperationException($"{BenchContext.WebDist} is not built: run scripts/build-web.sh (make build does)");
        }
        var listed = JsonNode.Parse((await context.Raw.GetAsync("/cluster/resources?type=vm", cancellationToken)).Body)!["data"]!.AsArray().Count;
        if (listed < Vms)
        {
            await new VmFleet(context).DefineAsync(Vms - listed, Math.Min(8, context.Options.CreateParallelism), cancellationToken);
        }
        var vmids = JsonNode.Parse((await context.Raw.GetAsync("/cluster/resources?type=vm", cancellationToken)).Body)!["data"]!.AsArray()
            .Select(vm => vm!["vmid"]!.GetValue<int>()).Order().ToList();
        var grant = (await context.Api.PostAsync("/access/ticket", new() { ["username"] = "admin@pve", ["password"] = context.Node.AdminPassword }, cancellationToken)).EnsureOk().Data!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Timeout = 30_000,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var url = context.Node.BaseAddress.ToString();
        var target = vmids[vmids.Count / 2];
        context.Progress($"{vmids.Count} VMs; {Loads} cold and {Loads} warm loads of {url}, clicking VM {target}");

        var cold = new Samples();
        var coldTree = new Samples();
        for (var i = 0; i < Loads; i++)
        {
            await using var fresh = await NewContextAsync(browser, url, grant);
            var (tree, interactive) = await LoadAsync(fresh, url, vmids.Count, target);
            coldTree.Add(TimeSpan.FromMilliseconds(tree));
            cold.Add(TimeSpan.FromMilliseconds(interactive));
        }
        var warm = new Samples();
        var warmTree = new Samples();
        var fetch = new Samples();
        await using (var reused = await NewContextAsync(browser, url, grant))
        {
            await LoadAsync(reused, url, vmids.Count, target);
            for (var i = 0; i < Loads; i++)
            {
                var (tree, interactive) = await LoadAsync(reused, url, vmids.Count, target);
                warmTree.Add(TimeSpan.FromMilliseconds(tree));
                warm.Add(TimeSpan.FromMilliseconds(interactive));
            }
            var page = await reused.NewPageAsync();
            await page.GotoAsync(url);
            for (var i = 0; i < Loads; i++)
            {
                fetch.Add(TimeSpan.FromMilliseconds(await page.EvaluateAsync<double>("""
                    async () => {
                      const start = performance.now();
                      const body = await (await fetch(new URL("api2/json/cluster/resources", document.baseURI), { cache: "no-store" })).json();
                      if (!Array.isArray(body.data)) throw new Error("no data");
                      return performance.now() - start;
                    }
                    """)));
            }
        }
        var baseline = fetch.Summarize();
        var note = string.Create(CultureInfo.InvariantCulture, $"{vmids.Count} VMs in the tree; median of {Loads} loads; page clock from navigation start");
        return
        [
            Result("main view interactive, cold cache", cold.Summarize(), baseline, note, Goal.ValueAtMost(1000, RatioBasis.Median)),
            Result("main view interactive, warm cache", warm.Summarize(), baseline, note, Goal.ValueAtMost(1000, RatioBasis.Median)),
            Result("tree lists every VM, cold cache", coldTree.Summarize(), baseline, note, null),
            Result("tree lists every VM, warm cache", warmTree.Summarize(), baseline, note, null),
        ];
    }

    /// <summary>A browser context already logged in, as a returning user's tab: the ticket cookie and the app's session entry.</summary>
    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, string url, JsonNode grant)
    {
        var browserContext = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        browserContext.SetDefaultTimeout(30_000);
        await browserContext.AddCookiesAsync([new Cookie { Name = "PVEAuthCookie", Value = Uri.EscapeDataString(grant["ticket"]!.GetValue<string>()), Url = url }]);
        var session = new JsonObject
        {
            ["username"] = grant["username"]!.GetValue<string>(),
            ["csrfToken"] = grant["CSRFPreventionToken"]!.GetValue<string>(),
            ["cap"] = grant["cap"]?.DeepClone() ?? new JsonObject(),
        };
        await browserContext.AddInitScriptAsync($"sessionStorage.setItem('cordouan.session', {JsonValue.Create(session.ToJsonString())!.ToJsonString()});");
        return browserContext;
    }

    /// <summary>One load in a new tab: ms from navigation start until the tree lists every VM, and until a click on one answered.</summary>
    private static async Task<(double Tree, double Interactive)> LoadAsync(IBrowserContext browserContext, string url, int count, int vmid)
    {
        var page = await browserContext.NewPageAsync();
        try
        {
            await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            var tree = await (await page.WaitForFunctionAsync(
                "n => document.querySelectorAll('[data-testid^=\"tree-vm-\"]').length >= n ? performance.now() : 0",
                count, new PageWaitForFunctionOptions { PollingInterval = null, Timeout = 30_000 })).JsonValueAsync<double>();
            await page.GetByTestId($"tree-vm-{vmid}").ClickAsync();
            var interactive = await (await page.WaitForFunctionAsync(
                "() => document.querySelector('[data-testid=\"vm-status\"]') ? performance.now() : 0",
                null, new PageWaitForFunctionOptions { Timeout = 30_000 })).JsonValueAsync<double>();
            return (tree, interactive);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static ScenarioResult Result(string metric, Summary measured, Summary baseline, string note, Goal? goal) => new()
    {
        Scenario = Name,
        Metric = metric,
        Unit = "ms",
        Measured = measured,
        Baseline = "fetch + JSON.parse of /cluster/resources in the same browser",
        BaselineMeasured = baseline,
        RatioBasis = RatioBasis.Median,
        Goal = goal,
        Note = note,
    };
}
