using System.Globalization;
using Microsoft.Playwright;
using PlaceKit.Trimming;
using PlaceKit.Persistence;
using PlaceKit.Planning;
using PlaceKit.Studio.Tests.Support;
using Xunit.Abstractions;

namespace PlaceKit.Studio.Tests;

/// <summary>
/// The studio as a person uses it, in Debian's Chromium driven by Playwright: open the sample plan, box-select homes,
/// move them, see the panel change, undo, redo, save; then <c>placekit adjust</c> with the saved edits.csv gives the
/// saved plan exactly. A refused edit shows its reason. Timings are reported, not asserted.
/// </summary>
[Trait("Category", "Browser")]
public sealed class StudioBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Studio_BoxSelectMoveUndoRedoSave_AdjustReplaysTheSavedPlan()
    {
        string planPath = SamplePlan.SaveToTemp();
        var studio = PlaceStudio.Open(planPath, new PlaceStudioOptions { BasemapUrl = null });
        await using var server = await PlaceStudioServer.StartAsync(studio);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var problems = Browser.CollectProblems(page);

        await page.GotoAsync(server.Url.ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 60_000 });
        Assert.Equal(server.Address.ToString(), page.Url); // the token left the address bar for a cookie
        double openMs = await Browser.PerfAsync(page, "openMs");
        Assert.Equal(studio.Plan.Coverage.Headline, await page.TextContentAsync("#headline"));
        Assert.Equal(studio.Plan.Homes.Count.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#perf", "data-homes"));

        // Box-select homes around the centre of the biggest place of an authority with at least two places.
        var plan = studio.Plan;
        var group = plan.Places.GroupBy(p => p.Authority).First(g => g.Count() >= 2).OrderByDescending(p => p.Homes).ToArray();
        Place from = group[0], to = group[1];
        await page.EvaluateAsync("id => placekitStudio.fitPlace(id)", from.Id);
        var centre = Point.Of(await page.EvaluateAsync<double[]>("id => { const p = placekitStudio.placeCentre(id); return [p.x, p.y]; }", from.Id));
        await page.ClickAsync("[data-tool=box]");
        await Browser.DragAsync(page, centre.X - 30, centre.Y - 30, centre.X + 30, centre.Y + 30);
        int[] chosen = await page.EvaluateAsync<int[]>("() => placekitStudio.selectedIndices()");
        int selected = chosen.Length;
        Assert.True(selected > 0, "the box selected no home");
        Assert.Contains($"{selected:N0} home", await page.TextContentAsync("#selection-summary"), StringComparison.Ordinal);
        // Only the places of the selection's authorities are offered.
        var authorities = chosen.Select(i => plan.Homes.Authorities[plan.Homes.AuthorityIndex[i]]).ToHashSet();
        Assert.Equal([from.Authority], authorities);
        var offered = await page.EvalOnSelectorAllAsync<string[]>("#move-to option", "os => os.map(o => o.value)");
        Assert.Equal(plan.Places.Where(p => p.Authority == from.Authority).Select(p => p.Id).Order(), offered.Order());

        // Move them; the author is asked once.
        await page.SelectOptionAsync("#move-to", to.Id);
        await page.ClickAsync("#move");
        await page.FillAsync("#author-input", "Jo Tester");
        await page.ClickAsync("#author-ok");
        await page.WaitForSelectorAsync($"#changes-table tr[data-place='{to.Id}']");
        double editMs = await Browser.PerfAsync(page, "lastEditMs");
        string editParts = $"server {await Browser.PerfAsync(page, "lastEditServerMs"):N0} ms, reload {await Browser.PerfAsync(page, "lastEditLoadMs"):N0} ms, redraw {await Browser.PerfAsync(page, "lastEditDrawMs"):N0} ms";
        var moved = studio.Plan;
        Assert.Single(moved.Edits);
        Assert.Equal(chosen.Select(i => plan.Homes.Ids[i]).Order(), moved.Edits[0].Targets.Order());
        Assert.Equal("Jo Tester", moved.Edits[0].Author);
        Assert.All(chosen, i => Assert.Equal(to.Id, moved.PlaceOf(i)?.Id));
        int joined = chosen.Count(i => plan.PlaceOf(i)?.Id != to.Id);
        int toAfter = moved.Places.Single(p => p.Id == to.Id).Homes;
        Assert.Equal(to.Homes + joined, toAfter);
        string row = (await page.TextContentAsync($"#changes-table tr[data-place='{to.Id}']"))!;
        Assert.Contains($"{to.Homes:N0} → {toAfter:N0}", row, StringComparison.Ordinal);
        var fromAfter = moved.Places.Single(p => p.Id == from.Id);
        Assert.Contains($"{from.Homes:N0} → {fromAfter.Homes:N0}", await page.TextContentAsync($"#changes-table tr[data-place='{from.Id}']"), StringComparison.Ordinal);
        Assert.Contains("Moved " + selected.ToString("N0", CultureInfo.InvariantCulture), await page.TextContentAsync("#history"), StringComparison.Ordinal);
        Assert.Contains("Jo Tester", await page.TextContentAsync("#history"), StringComparison.Ordinal);
        Assert.StartsWith("●", await page.TitleAsync(), StringComparison.Ordinal);

        // The picture in docs/: the moved homes (dark rings) in their new place, the panel before → after.
        string shot = Environment.GetEnvironmentVariable("PLACEKIT_STUDIO_SCREENSHOT") is { Length: > 0 } s ? s : Path.Combine(Path.GetDirectoryName(studio.OutputDirectory!)!, "studio.png");
        await page.EvaluateAsync("([a, b]) => placekitStudio.fitPlaces([a, b])", new[] { from.Id, to.Id });
        await page.ClickAsync("[data-tool=pan]");
        await page.EvaluateAsync("() => document.getElementById('panel').scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = shot });

        // Undo, redo.
        await page.ClickAsync("#undo");
        await page.WaitForFunctionAsync("() => document.getElementById('changes-title').textContent === 'Undone'");
        Assert.Same(studio.Opened, studio.Plan);
        Assert.Contains($"{toAfter:N0} → {to.Homes:N0}", await page.TextContentAsync($"#changes-table tr[data-place='{to.Id}']"), StringComparison.Ordinal);
        await page.ClickAsync("#redo");
        await page.WaitForFunctionAsync("() => document.getElementById('changes-title').textContent === 'Redone'");
        Assert.Same(moved, studio.Plan);
        double redoMs = await Browser.PerfAsync(page, "lastEditMs");

        // A second, warm edit (the same homes back), timed, then undone.
        await page.SelectOptionAsync("#move-to", from.Id);
        await page.ClickAsync("#move");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#history li').length === 2");
        await page.WaitForFunctionAsync("() => document.getElementById('perf').dataset.edits === '4'");
        double warmMs = await Browser.PerfAsync(page, "lastEditMs");
        string warmParts = $"server {await Browser.PerfAsync(page, "lastEditServerMs"):N0} ms, reload {await Browser.PerfAsync(page, "lastEditLoadMs"):N0} ms, redraw {await Browser.PerfAsync(page, "lastEditDrawMs"):N0} ms";
        await page.ClickAsync("#undo");
        await page.WaitForFunctionAsync("() => document.getElementById('perf').dataset.edits === '5'");
        Assert.Same(moved, studio.Plan);

        // A refused edit: add homes of another authority to the selection and move them all into a place of the first.
        var foreign = plan.Places.First(p => p.Authority != from.Authority);
        await page.EvaluateAsync("id => placekitStudio.fitPlace(id)", foreign.Id);
        var far = Point.Of(await page.EvaluateAsync<double[]>("id => { const p = placekitStudio.placeCentre(id); return [p.x, p.y]; }", foreign.Id));
        await page.ClickAsync("[data-tool=box]");
        await page.Keyboard.DownAsync("Control");
        await Browser.DragAsync(page, far.X - 25, far.Y - 25, far.X + 25, far.Y + 25);
        await page.Keyboard.UpAsync("Control");
        Assert.True(await page.EvaluateAsync<int>("() => placekitStudio.selectionCount()") > selected);
        Assert.Equal(2, await page.Locator("#move-to optgroup").CountAsync());
        await page.SelectOptionAsync("#move-to", to.Id);
        await page.ClickAsync("#move");
        await page.WaitForSelectorAsync("#message:not([hidden])");
        string refusal = (await page.TextContentAsync("#message"))!;
        Assert.Contains("refused", refusal, StringComparison.Ordinal);
        Assert.Contains($"is in authority '{foreign.Authority}' but place '{to.Id}' is in '{from.Authority}': a place never crosses an authority border", refusal, StringComparison.Ordinal);
        Assert.Same(moved, studio.Plan);

        // Save, then replay the saved edits.csv with placekit adjust.
        await page.ClickAsync("#save");
        await page.WaitForSelectorAsync("#message.ok");
        Assert.Contains("Saved 1 edit", await page.TextContentAsync("#message"), StringComparison.Ordinal);
        // The page reloads its state after saving and then drops the unsaved mark from the title; wait for it (a train on
        // a loaded machine read the title between the message and the reload).
        await page.WaitForFunctionAsync("() => !document.title.startsWith('●')", null, new() { Timeout = 30_000 });
        Assert.DoesNotMatch("^●", await page.TitleAsync());
        string savedPlan = Path.Combine(studio.OutputDirectory!, "plan.json");
        string replay = Path.Combine(Path.GetDirectoryName(studio.OutputDirectory!)!, "replay");
        var (code, _, err) = SamplePlan.Cli("adjust", planPath, Path.Combine(studio.OutputDirectory!, "edits.csv"), "--out", replay);
        Assert.True(code == 0, err);
        var saved = PlanFile.Load(savedPlan);
        var replayed = PlanFile.Load(Path.Combine(replay, "plan.json"));
        Assert.Equal(SamplePlan.PlaceIds(saved), SamplePlan.PlaceIds(replayed));
        Assert.Equal(saved.ClusterOfHome.ToArray(), replayed.ClusterOfHome.ToArray());
        Assert.Equal(SamplePlan.PlaceIds(moved), SamplePlan.PlaceIds(saved));

        // An edit after saving makes the page warn before it is closed.
        await page.SelectOptionAsync("#place-pick", to.Id);
        await page.FillAsync("#split-k", "2");
        await page.ClickAsync("#split");
        await page.WaitForFunctionAsync("() => document.title.startsWith('●')");
        const string leaving = "() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; }";
        Assert.True(await page.EvaluateAsync<bool>(leaving), "the page should warn about unsaved edits when it is closed");
        await page.ClickAsync("#undo");
        await page.WaitForFunctionAsync("() => !document.title.startsWith('●')");
        Assert.False(await page.EvaluateAsync<bool>(leaving), "nothing unsaved: the page should close without a warning");

        // The refused edit's 422 answer is the only failed request Chromium may log.
        var unexpected = problems.Where(p => !p.Contains("status of 422", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, problems));
        output.WriteLine($"studio on {plan.Homes.Count:N0} homes, {plan.Places.Count} places: page ready {openMs:N0} ms after its script started; " +
            $"first edit (move of {selected:N0} homes) applied and redrawn in {editMs:N0} ms ({editParts}); redo {redoMs:N0} ms; a warm edit {warmMs:N0} ms ({warmParts}); screenshot {shot}");
        Browser.Report($"sample {plan.Homes.Count} homes: open {openMs:F0} ms, first edit (move {selected} homes) applied+redrawn {editMs:F0} ms ({editParts}), redo {redoMs:F0} ms, warm edit {warmMs:F0} ms ({warmParts})");
    }

    [Fact]
    public async Task Studio_LockAPlace_ShownOnTheMapAndPanel_ItsEditsRefused_UnlockFreesIt_SavedPlanKeepsIt()
    {
        string planPath = SamplePlan.SaveToTemp();
        var studio = PlaceStudio.Open(planPath, new PlaceStudioOptions { BasemapUrl = null });
        await using var server = await PlaceStudioServer.StartAsync(studio);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var problems = Browser.CollectProblems(page);
        await page.GotoAsync(server.Url.ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 60_000 });
        var plan = studio.Plan;
        var group = plan.Places.GroupBy(p => p.Authority).First(g => g.Count() >= 2).OrderByDescending(p => p.Homes).ToArray();
        Place target = group[0], other = group[1];

        // Pick the place and lock it; the author is asked once.
        await page.SelectOptionAsync("#place-pick", target.Id);
        Assert.Equal("Lock place", await page.TextContentAsync("#lock"));
        await page.ClickAsync("#lock");
        await page.FillAsync("#author-input", "Jo Tester");
        await page.ClickAsync("#author-ok");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#history li').length === 1 && !document.getElementById('history').textContent.includes('No edits')");
        Assert.Contains("Locked " + target.Id, await page.TextContentAsync("#history"), StringComparison.Ordinal);
        Assert.True(studio.Plan.GetPlace(target.Id).Locked);
        Assert.True(await page.EvaluateAsync<bool>("id => placekitStudio.place(id).locked === true", target.Id));

        // The panel says so, offers Unlock and disables what the lock forbids; the map draws its label with "(locked)".
        await page.SelectOptionAsync("#place-pick", target.Id);
        await page.WaitForFunctionAsync("() => document.getElementById('lock').textContent === 'Unlock place'");
        Assert.Equal("locked", await page.TextContentAsync("#place-summary .locked-badge"));
        Assert.True(await page.IsDisabledAsync("#remove"));
        Assert.True(await page.IsDisabledAsync("#split"));
        Assert.True(await page.IsDisabledAsync("#merge"));
        Assert.Equal(target.Id + " (locked)", await page.EvaluateAsync<string>("id => placekitStudio.map && PlaceKitMap.placeLabel(placekitStudio.place(id))", target.Id));
        Assert.Contains("Locked place", await page.TextContentAsync("#legend"), StringComparison.Ordinal);

        // Moving its homes out is refused by the editor, naming the place; nothing changes.
        await page.ClickAsync("#select-homes");
        await page.WaitForFunctionAsync("() => placekitStudio.selectionCount() > 0");
        Assert.Equal("Unlock its place (" + target.Id + ")", await page.TextContentAsync("#lock-places"));
        await page.SelectOptionAsync("#move-to", other.Id);
        await page.ClickAsync("#move");
        await page.WaitForSelectorAsync("#message:not([hidden])");
        Assert.Contains($"place '{target.Id}' is locked: move would change it; unlock it first (unlock,{target.Id},)", await page.TextContentAsync("#message"), StringComparison.Ordinal);
        Assert.Single(studio.Plan.Edits);

        // Unlock from the selection's button, then the same move applies.
        await page.ClickAsync("#lock-places");
        await page.WaitForFunctionAsync("id => placekitStudio.place(id).locked !== true", target.Id);
        Assert.False(studio.Plan.GetPlace(target.Id).Locked);
        Assert.Contains("Unlocked " + target.Id, await page.TextContentAsync("#history"), StringComparison.Ordinal);

        // Lock it again and save: the saved plan and the edits file replayed by adjust both keep the lock.
        await page.SelectOptionAsync("#place-pick", target.Id);
        await page.ClickAsync("#lock");
        await page.WaitForFunctionAsync("id => placekitStudio.place(id).locked === true", target.Id);
        await page.ClickAsync("#save");
        await page.WaitForSelectorAsync("#message.ok");
        var saved = PlanFile.Load(Path.Combine(studio.OutputDirectory!, "plan.json"));
        Assert.True(saved.GetPlace(target.Id).Locked);
        string replay = Path.Combine(Path.GetDirectoryName(studio.OutputDirectory!)!, "replay-lock");
        var (code, _, err) = SamplePlan.Cli("adjust", planPath, Path.Combine(studio.OutputDirectory!, "edits.csv"), "--out", replay);
        Assert.True(code == 0, err);
        Assert.True(PlanFile.Load(Path.Combine(replay, "plan.json")).GetPlace(target.Id).Locked);
        var unexpected = problems.Where(p => !p.Contains("status of 422", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Studio_WithBasemapButNoNetwork_SaysSoAndStillWorks()
    {
        // A tile URL on a closed loopback port stands in for a machine with no network.
        string planPath = SamplePlan.SaveToTemp();
        var studio = PlaceStudio.Open(planPath, new PlaceStudioOptions { BasemapUrl = "http://127.0.0.1:9/{z}/{x}/{y}.png", BasemapAttribution = "test tiles" });
        await using var server = await PlaceStudioServer.StartAsync(studio);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 800 } });
        await page.GotoAsync(server.Url.ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("#notice:not([hidden])", new() { Timeout = 30_000 });
        Assert.Contains("could not be loaded", await page.TextContentAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("test tiles", await page.TextContentAsync(".leaflet-control-attribution"), StringComparison.Ordinal);
        Assert.True(int.Parse((await page.GetAttributeAsync("#perf", "data-labels"))!, CultureInfo.InvariantCulture) > 0);
    }

    private sealed record Point(double X, double Y)
    {
        public static Point Of(double[] xy) => new(xy[0], xy[1]);
    }
}
