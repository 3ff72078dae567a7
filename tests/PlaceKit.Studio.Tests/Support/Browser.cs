using System.Globalization;
using Microsoft.Playwright;

namespace PlaceKit.Studio.Tests.Support;

/// <summary>Debian's Chromium (never a downloaded browser) driven by Playwright.</summary>
public static class Browser
{
    /// <summary>The Chromium binary: $CHROMIUM, or Debian's /usr/bin/chromium (scripts/install-chromium.sh installs it; .ci/run runs that first).</summary>
    public static string Executable => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    public static async Task<LaunchedBrowser> LaunchAsync()
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"Chromium is not installed at {Executable}: run 'bash scripts/install-chromium.sh' (CI does) or set CHROMIUM to a Chromium binary.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
        });
        return new LaunchedBrowser(playwright, browser);
    }

    /// <summary>Console errors, page errors and failed requests seen by a page.</summary>
    public static List<string> CollectProblems(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add("console: " + m.Text + " (" + m.Location + ")"); };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.RequestFailed += (_, r) => problems.Add("request failed: " + r.Url);
        return problems;
    }

    public static async Task DragAsync(IPage page, double x0, double y0, double x1, double y1)
    {
        await page.Mouse.MoveAsync((float)x0, (float)y0);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)((x0 + x1) / 2), (float)((y0 + y1) / 2), new() { Steps = 4 });
        await page.Mouse.MoveAsync((float)x1, (float)y1, new() { Steps = 4 });
        await page.Mouse.UpAsync();
    }

    public static async Task<double> PerfAsync(IPage page, string name) =>
        double.Parse((await page.EvaluateAsync<string>($"() => document.getElementById('perf').dataset.{name}"))!, CultureInfo.InvariantCulture);

    /// <summary>Appends a measured figure to $PLACEKIT_STUDIO_REPORT (if set), for notes and CI logs.</summary>
    public static void Report(string line)
    {
        if (Environment.GetEnvironmentVariable("PLACEKIT_STUDIO_REPORT") is { Length: > 0 } path) File.AppendAllText(path, line + Environment.NewLine);
    }
}

/// <summary>A launched browser and its Playwright driver, disposed together.</summary>
public sealed class LaunchedBrowser(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
{
    public Task<IPage> NewPageAsync(BrowserNewPageOptions? options = null) => browser.NewPageAsync(options);

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
