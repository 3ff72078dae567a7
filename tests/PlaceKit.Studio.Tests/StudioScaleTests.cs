using System.Diagnostics;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Studio.Tests.Support;
using Xunit.Abstractions;

namespace PlaceKit.Studio.Tests;

/// <summary>
/// The studio on a national-size plan, measured (not asserted): set PLACEKIT_STUDIO_SCALE_HOMES (e.g. 1000000) to run
/// it; otherwise it checks the same path on 20,000 homes. Reports the server's open time (load + first state) and the
/// page's time to ready, and a warm edit.
/// </summary>
[Trait("Category", "Browser")]
public sealed class StudioScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Studio_LargePlan_OpensAndEdits()
    {
        int homes = int.TryParse(Environment.GetEnvironmentVariable("PLACEKIT_STUDIO_SCALE_HOMES"), out int h) ? h : 20_000;
        int authorities = Math.Max(3, homes / 3_300);
        var plan = PlaceDefiner.Create().Define(HomeSet.Create(SampleStock.Generate(homes, authorities, 7)));
        string path = SamplePlan.SaveToTemp(plan);
        var clock = Stopwatch.StartNew();
        var studio = PlaceStudio.Open(path, new PlaceStudioOptions { BasemapUrl = null });
        double loadS = clock.Elapsed.TotalSeconds;
        await using var server = await PlaceStudioServer.StartAsync(studio);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        clock.Restart();
        await page.GotoAsync(server.Url.ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 600_000 });
        double openS = clock.Elapsed.TotalSeconds;
        Assert.Equal(homes.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.GetAttributeAsync("#perf", "data-homes"));

        var place = plan.Places.GroupBy(p => p.Authority).First(g => g.Count() >= 2).ToArray();
        await page.SelectOptionAsync("#place-pick", place[0].Id);
        await page.SelectOptionAsync("#merge-with", place[1].Id);
        await page.ClickAsync("#merge");
        await page.FillAsync("#author-input", "Scale test");
        await page.ClickAsync("#author-ok");
        await page.WaitForFunctionAsync("() => document.getElementById('perf').dataset.edits === '1'", null, new() { Timeout = 600_000 });
        double editMs = await Browser.PerfAsync(page, "lastEditMs");
        string parts = $"server {await Browser.PerfAsync(page, "lastEditServerMs"):N0} ms, reload {await Browser.PerfAsync(page, "lastEditLoadMs"):N0} ms, redraw {await Browser.PerfAsync(page, "lastEditDrawMs"):N0} ms";
        Assert.DoesNotContain(studio.Plan.Places, p => p.Id == place[1].Id);

        string line = $"{homes:N0} homes, {plan.Places.Count:N0} places: plan loaded in {loadS:F1} s; page ready {openS:F1} s after navigation; merge applied+redrawn {editMs:N0} ms ({parts})";
        output.WriteLine(line);
        Browser.Report("scale " + line);
    }
}
