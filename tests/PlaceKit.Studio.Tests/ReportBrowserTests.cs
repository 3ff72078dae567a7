using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Studio.Tests.Support;
using Xunit.Abstractions;

namespace PlaceKit.Studio.Tests;

/// <summary>
/// report.html as a person opens it, offline, in Debian's Chromium: the shared map code (the studio's) over the inlined
/// Leaflet draws the homes by place, the territories, labels and the legend, and the first view fits the places. No
/// request leaves the file, no console error. Timings are reported, not asserted.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ReportBrowserTests(ITestOutputHelper output)
{
    private static async Task<(IPage Page, List<string> Problems, List<string> Requests)> OpenOfflineAsync(LaunchedBrowser browser, string path)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1300, Height = 1000 }, Offline = true });
        var problems = Browser.CollectProblems(page);
        var requests = new List<string>();
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file://", StringComparison.Ordinal)) await route.ContinueAsync();
            else { requests.Add(route.Request.Url); await route.AbortAsync(); }
        });
        page.Dialog += (_, d) => problems.Add("dialog: " + d.Message);
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.getElementById('check').dataset.status !== 'pending'", null, new() { Timeout = 60_000 });
        return (page, problems, requests);
    }

    private static async Task<string> CheckAsync(IPage page, string name) => (await page.GetAttributeAsync("#check", "data-" + name)) ?? "";

    private static string WriteReport(PlacePlan plan)
    {
        string dir = Path.Combine(Path.GetTempPath(), "placekit-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "report.html");
        using (var f = File.Create(path)) PlanReport.Write(plan, f);
        return path;
    }

    [Fact]
    public async Task Report_OfTheSample_OpensOfflineAndDrawsPlacesLabelsLegendAndFitsThePlaces()
    {
        var plan = SamplePlan.Get();
        var sw = Stopwatch.StartNew();
        string path = WriteReport(plan);
        long writeMs = sw.ElapsedMilliseconds;
        await using var browser = await Browser.LaunchAsync();
        sw.Restart();
        var (page, problems, requests) = await OpenOfflineAsync(browser, path);
        long openMs = sw.ElapsedMilliseconds;

        Assert.Empty(requests);
        Assert.Empty(problems);
        Assert.Equal("ok", await CheckAsync(page, "status"));
        Assert.Equal("0", await CheckAsync(page, "errors"));
        Assert.Equal(plan.Places.Count.ToString(CultureInfo.InvariantCulture), await CheckAsync(page, "territories"));
        Assert.Equal(plan.Homes.Count.ToString(CultureInfo.InvariantCulture), await CheckAsync(page, "homes-drawn"));
        Assert.Equal("5", await CheckAsync(page, "legend"));
        Assert.Equal("yes", await CheckAsync(page, "fit"));
        int labels = int.Parse(await CheckAsync(page, "labels"), CultureInfo.InvariantCulture);
        Assert.InRange(labels, 1, plan.Places.Count);

        // The homes canvas holds pixels in the places' colours and in the unplaced grey; the labels canvas is not blank.
        var colours = PlacePalette.Palette.ToArray();
        var painted = await page.EvaluateAsync<int[]>(@"colours => {
            const c = document.querySelector('.homes-canvas'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const want = colours.map(h => parseInt(h.slice(1), 16));
            let placed = 0, grey = 0;
            for (let i = 0; i < d.length; i += 4) {
              if (d[i + 3] === 0) continue;
              const v = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
              if (v === 0x9aa1a8) grey++; else if (want.includes(v)) placed++;
            }
            const l = document.querySelector('.labels-canvas'), ld = l.getContext('2d').getImageData(0, 0, l.width, l.height).data;
            let ink = 0; for (let i = 3; i < ld.length; i += 4) if (ld[i] > 0) ink++;
            return [placed, grey, ink];
        }", colours);
        Assert.True(painted[0] > 1000, $"only {painted[0]} pixels in place colours");
        Assert.True(painted[1] > 100, $"only {painted[1]} grey pixels of unplaced homes");
        Assert.True(painted[2] > 500, $"the labels canvas is nearly blank ({painted[2]} pixels)");

        // The first view fits the placed homes tightly: the zoom is the largest at which they fit (not the whole authorities').
        var zooms = await page.EvaluateAsync<int[]>(@"() => {
            const r = window.placekitReport, m = r.map;
            return [m.getZoom(), m.getBoundsZoom(r.fitted, false, L.point(40, 40))];
        }");
        Assert.Equal(zooms[1], zooms[0]);

        // A row of the places table takes the map to that place, its label first.
        var first = plan.Places[^1];
        await page.ClickAsync($"tr[data-goto='{first.Id}']");
        var after = await page.EvaluateAsync<double[]>(@"id => {
            const r = window.placekitReport, m = r.map, b = r.polygons.get(id).getBounds();
            return [m.getZoom(), m.getBounds().contains(b) ? 1 : 0];
        }", first.Id);
        Assert.True(after[0] > zooms[0], $"zoom {after[0]} after clicking {first.Id}, {zooms[0]} before");
        Assert.Equal(1, after[1]);

        // The legend switches layers: labels off removes their canvas, on brings it back.
        await page.UncheckAsync("#legend input[data-layer=labels]");
        Assert.Equal(0, await page.Locator(".labels-canvas").CountAsync());
        await page.CheckAsync("#legend input[data-layer=labels]");
        Assert.Equal(1, await page.Locator(".labels-canvas").CountAsync());
        Assert.Empty(problems);

        string shot = Path.Combine(Path.GetDirectoryName(path)!, "report.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = false });
        string scriptMs = await CheckAsync(page, "render-ms");
        string line = string.Create(CultureInfo.InvariantCulture,
            $"report.html of the sample ({plan.Homes.Count:N0} homes, {plan.Places.Count} places): {new FileInfo(path).Length / 1e6:0.00} MB, written in {writeMs:N0} ms, opened and drawn offline in {openMs:N0} ms (map script {scriptMs} ms), {labels} labels; screenshot {shot}");
        output.WriteLine(line);
        Browser.Report(line);
    }

    /// <summary>
    /// A plan above the map's limits (set small here, so a generated 20,000-home plan reaches them): the page still
    /// passes its own check, draws every place's territory, counts every home in its squares, and says what it thinned.
    /// </summary>
    [Fact]
    public async Task Report_AboveTheMapLimits_ThinsToAGrid_DrawsEveryPlace_AndSaysSo()
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 150 }, Trimming = { MaxSpreadMeters = 1500 } })
            .Define(HomeSet.Create(SampleStock.Generate(20_000, 6, 5)));
        string dir = Path.Combine(Path.GetTempPath(), "placekit-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "report.html");
        using (var f = new StreamWriter(path)) PlanReport.Write(plan, f, new ReportMapLimits(800, 3_000));
        await using var browser = await Browser.LaunchAsync();
        var (page, problems, requests) = await OpenOfflineAsync(browser, path);

        Assert.Empty(requests);
        Assert.Empty(problems);
        Assert.Equal("ok", await CheckAsync(page, "status"));
        Assert.Equal(plan.Places.Count.ToString(CultureInfo.InvariantCulture), await CheckAsync(page, "territories"));
        Assert.Equal(plan.Homes.Count.ToString(CultureInfo.InvariantCulture), await CheckAsync(page, "homes-drawn"));
        Assert.InRange(int.Parse(await CheckAsync(page, "squares"), CultureInfo.InvariantCulture), plan.Places.Count + 1, 800);
        Assert.Contains("squares", await page.InnerTextAsync("#map-thinned"), StringComparison.Ordinal);
        Assert.Contains("Thinned to stay fast", await page.InnerTextAsync("#legend"), StringComparison.Ordinal);
        output.WriteLine($"thinned report: {await CheckAsync(page, "squares")} squares, map script {await CheckAsync(page, "render-ms")} ms");
    }

    [Fact]
    public async Task Report_HostileAuthorityCode_StaysText_NoScriptRuns()
    {
        const string code = "</script><script>alert(1)</script><img src=x onerror=alert(2)>=HYPERLINK(\"x\")";
        var homes = new List<Home>();
        for (int i = 0; i < 40; i++) homes.Add(new Home($"h{i}", 400000 + (i % 8 * 25), 300000 + (i / 8 * 25), code));
        for (int i = 0; i < 40; i++) homes.Add(new Home($"k{i}", 404000 + (i % 8 * 25), 300000 + (i / 8 * 25), "E2"));
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 40 }, Trimming = { MinHomes = 10 } }).Define(HomeSet.Create(homes));
        Assert.NotEmpty(plan.Places);
        string path = WriteReport(plan);
        await using var browser = await Browser.LaunchAsync();
        var (page, problems, requests) = await OpenOfflineAsync(browser, path);

        Assert.Empty(requests);
        Assert.Empty(problems);   // no alert dialog, no error
        Assert.Equal("ok", await CheckAsync(page, "status"));
        Assert.Equal(4, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("body img").CountAsync());
        Assert.Equal(code, await page.EvaluateAsync<string>("() => JSON.parse(document.getElementById('plan-data').textContent).authorities[0].code"));
    }
}
