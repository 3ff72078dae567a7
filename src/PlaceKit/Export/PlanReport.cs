using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>Writes a plan as one self-contained HTML page: headline figures, a map, charts and tables.</summary>
/// <remarks>
/// <para>
/// The page needs no network: styles, script and every picture are inline (inline SVG), and a Content-Security-Policy
/// forbids loading anything else. It holds the headline (<see cref="Coverage.CoverageReport.Headline"/>) and key
/// figures; a map of every home coloured by its place (neighbouring places get different colours), unplaced homes
/// grey, each place's territory shaded, its hull (footprint) outlined dashed and labelled with its rank, each authority's
/// area (its boundary, or a dashed area drawn around its homes when no boundary was given), with wheel zoom, drag pan and a km scale bar; a
/// place-size histogram, tightness by rank and coverage per authority; the ranked places and the trimmed clusters
/// with their reasons; and a footer with the options, seed and PlaceKit version that made the plan.
/// </para>
/// <para>
/// Every text from the input (home ids, authority codes) is HTML-encoded. The map draws homes as one path per place
/// in whole metres (see <c>ReportMap</c>): about 0.4 MB for 45,000 homes. Deterministic: the same plan writes the same
/// bytes (no timestamp). O(n log n) in the number of homes.
/// </para>
/// <para>
/// An element <c>#check</c> is filled in by the page's own script after loading, for automated browser checks:
/// <c>data-status</c> (<c>ok</c> or <c>fail</c>), <c>data-hulls</c> (hulls drawn), <c>data-territories</c> (territories drawn), <c>data-expected-hulls</c> (places
/// in the plan), <c>data-errors</c> (script errors, blocked loads and console errors seen) and <c>data-render-ms</c>.
/// </para>
/// </remarks>
public static class PlanReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the report.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="stream">Where to write UTF-8 HTML; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(PlacePlan plan, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        Write(plan, w);
    }

    /// <summary>Writes the report to a text writer.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="writer">Where to write; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(PlacePlan plan, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(writer);
        var w = writer;
        var c = plan.Coverage;
        var colours = PlacePalette.For(plan.Places);
        string version = Version();
        int minHomes = plan.Options.Trimming.MinHomes.GetValueOrDefault(); // resolved when the plan was made

        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write($"<title>PlaceKit plan: {E(c.Headline)}</title>\n");
        w.Write("<script>\n");
        w.Write(ErrorTrap);
        w.Write("</script>\n<style>\n");
        w.Write(Css);
        w.Write("</style>\n</head>\n<body>\n");

        // Headline and figures.
        w.Write("<header><p class=\"kicker\">PlaceKit plan</p>");
        w.Write($"<h1>{E(c.Headline)}</h1>");
        w.Write("<div class=\"figures\">");
        Figure(w, "Homes", Count(c.TotalHomes), $"in {Count(plan.Homes.Authorities.Count)} {Plural(plan.Homes.Authorities.Count, "authority", "authorities")}");
        Figure(w, "Places", Count(c.Places), $"kept of {Count(plan.Clusters.Count)} {Plural(plan.Clusters.Count, "cluster", "clusters")}");
        Figure(w, "Mean place size", Count(Math.Round(c.MeanPlaceSize)), c.Places == 0 ? "no places" : $"median {Count(c.MedianPlaceSize)}, range {Count(c.MinPlaceSize)}–{Count(c.MaxPlaceSize)}");
        Figure(w, "Coverage", (c.CoverageRatio * 100).ToString("0.0", Inv) + "%", $"{Count(c.PlacedHomes)} placed · {Count(c.UnplacedHomes)} unplaced");
        w.Write("</div>");
        if (c.UnplacedByRule.Count > 0)
        {
            w.Write("<p class=\"muted\">Unplaced homes by rule their cluster broke: ");
            w.Write(string.Join(" · ", c.UnplacedByRule.Select(kv => $"<b>{E(kv.Key)}</b> {Count(kv.Value)}")));
            w.Write(" (a home whose cluster broke both rules counts under both).</p>");
        }

        w.Write("</header>\n");

        // Map.
        w.Write("<section class=\"card map-card\"><div class=\"map-head\"><h2>Map</h2><p class=\"legend\">");
        w.Write("<span class=\"sw\" style=\"background:" + (colours.Length > 0 ? colours[0] : PlacePalette.Colours[0]) + "\"></span>homes in a place (one colour a place; neighbours differ) ");
        w.Write("<span class=\"sw grey\"></span>unplaced homes <span class=\"sw territory\"></span>territory (the part of the authority nearest the place's homes) ");
        w.Write("<span class=\"sw hull\"></span>footprint (the hull of the place's homes), labelled with its rank ");
        bool anyFallback = plan.Territories.Authorities.Any(a => a.Source == Territories.AuthorityAreaSource.Fallback);
        bool anyBoundary = plan.Territories.Authorities.Any(a => a.Source == Territories.AuthorityAreaSource.Boundary);
        if (anyBoundary) w.Write("<span class=\"sw boundary\"></span>authority boundary ");
        if (anyFallback) w.Write("<span class=\"sw fallback\"></span>authority area drawn around its homes (no boundary given: not the council boundary) ");
        w.Write("<span class=\"hint\">Scroll to zoom, drag to pan, click a place in the table to go there.</span></p>");
        w.Write("<div class=\"controls\"><button type=\"button\" data-zoom=\"in\" title=\"Zoom in\">+</button><button type=\"button\" data-zoom=\"out\" title=\"Zoom out\">−</button><button type=\"button\" data-zoom=\"reset\" title=\"Show everything\">⤢</button></div></div>");
        w.Write("<div class=\"map-wrap\">");
        ReportMap.Write(w, plan, colours);
        w.Write(ScaleBar(plan));
        w.Write("</div></section>\n");

        // Charts.
        w.Write("<section class=\"charts\">");
        w.Write("<div class=\"card\"><h2>Place sizes</h2><p class=\"muted\">Homes per cluster: <span class=\"sw\" style=\"background:#4e79a7\"></span>places, <span class=\"sw grey\"></span>trimmed clusters.</p>");
        var placeSizes = plan.Places.Select(p => p.Homes).ToArray();
        var trimmedSizes = plan.Trimmed.Select(t => t.Cluster.Homes).ToArray();
        SvgCharts.SizeHistogram(w, placeSizes, trimmedSizes, minHomes, "#4e79a7");
        w.Write("</div>");
        w.Write("<div class=\"card\"><h2>Tightness by rank</h2><p class=\"muted\">Homes per km² within r90 of the centre, place 1 the tightest.</p>");
        SvgCharts.RankBars(w, plan.Places.Select(p => p.Tightness).ToArray(),
            plan.Places.Select(p => string.Create(Inv, $"{p.Id} (rank {p.Rank}), {Area(plan, p.Authority)}: {p.Tightness:N0} homes/km²")).ToArray(),
            colours, "homes per km²", "rank");
        w.Write("</div>");
        w.Write("<div class=\"card\"><h2>Coverage per authority</h2><p class=\"muted\">Share of each authority's homes in a place, highest first.</p>");
        var rows = c.ByAuthority.OrderByDescending(a => a.CoverageRatio).ThenBy(a => a.Authority, StringComparer.Ordinal)
            .Select(a => (plan.Options.NameOf(a.Authority), a.PlacedHomes, a.TotalHomes)).ToArray();
        SvgCharts.ShareBars(w, rows, "#59a14f");
        w.Write("</div>");
        TeamsCard(w, plan);
        w.Write("</section>\n");

        // Tables.
        w.Write("<section class=\"card\"><h2>Places, tightest first</h2>");
        if (plan.Places.Count == 0)
        {
            w.Write("<p>No cluster met the rules, so there are no places. Try a smaller <code>MinHomes</code> or a larger <code>MaxSpreadMeters</code>.</p>");
        }
        else
        {
            w.Write("<table class=\"places\"><thead><tr><th>Rank</th><th>Place</th><th>Authority</th><th>Homes</th><th>Tightness (homes/km²)</th><th>r90 (m)</th><th>Hull area (km²)</th><th>Territory (km²)</th><th title=\"4π·area / perimeter² of the territory: 1 for a disc (Polsby and Popper 1991)\">Polsby-Popper</th><th title=\"Territory area / area of its smallest enclosing circle: 1 for a disc (Reock 1961)\">Reock</th></tr></thead><tbody>");
            for (int p = 0; p < plan.Places.Count; p++)
            {
                var place = plan.Places[p];
                w.Write(string.Create(Inv,
                    $"<tr data-goto=\"{E(place.Id)}\"><td>{place.Rank}</td><td><span class=\"sw\" style=\"background:{colours[p]}\"></span>{E(place.Id)}</td><td>{E(Area(plan, place.Authority))}</td><td>{place.Homes:N0}</td><td>{place.Tightness:N0}</td><td>{place.Score.R90Meters:N0}</td><td>{place.Score.HullAreaKm2:0.00}</td><td>{plan.Territories.Places[p].AreaKm2:0.00}</td><td>{plan.Territories.Places[p].PolsbyPopper:0.00}</td><td>{plan.Territories.Places[p].Reock:0.00}</td></tr>"));
            }

            w.Write("</tbody></table>");
        }

        w.Write("</section>\n<section class=\"card\"><h2>Trimmed clusters</h2>");
        if (plan.Trimmed.Count == 0)
        {
            w.Write("<p>Every cluster was kept as a place.</p>");
        }
        else
        {
            w.Write(string.Create(Inv, $"<p class=\"muted\">{plan.Trimmed.Count:N0} clusters were not kept; their homes are unplaced. A place needs at least {minHomes:N0} homes and an r90 of at most {plan.Options.Trimming.MaxSpreadMeters / 1000:0.##} km.</p>"));
            w.Write("<table><thead><tr><th>Cluster</th><th>Authority</th><th>Homes</th><th>r90 (m)</th><th>Tightness (homes/km²)</th><th>Why it was trimmed</th></tr></thead><tbody>");
            foreach (var t in plan.Trimmed)
            {
                var s = t.Cluster;
                w.Write(string.Create(Inv, $"<tr><td>{s.ClusterId}</td><td>{E(Area(plan, s.Authority))}</td><td>{s.Homes:N0}</td><td>{s.R90Meters:N0}</td><td>{s.Tightness:N0}</td><td>"));
                w.Write(string.Join("; ", t.Reasons.Select(r => $"<span class=\"rule\">{E(r.Rule)}</span> {E(r.Detail)}")));
                w.Write("</td></tr>");
            }

            w.Write("</tbody></table>");
        }

        w.Write("</section>\n");

        // Footer: what made the plan.
        var o = plan.Options;
        w.Write("<footer><p>Made by PlaceKit ");
        w.Write(E(version));
        w.Write(string.Create(Inv, $" with seed <b>{o.Seed}</b>, from homes in {E(plan.Homes.Projection.Name)}. Same homes in the same order, same options and seed: same plan.</p>"));
        w.Write("<dl class=\"options\">");
        Option(w, "Seed", o.Seed.ToString(Inv));
        Option(w, "Clustering.TargetSize", o.Clustering.TargetSize.ToString(Inv));
        Option(w, "Clustering.MaxIterations", o.Clustering.MaxIterations.ToString(Inv));
        Option(w, "Clustering.Tolerance", o.Clustering.Tolerance.ToString("R", Inv));
        Option(w, "Clustering.Restarts", o.Clustering.Restarts.ToString(Inv));
        Option(w, "Scoring.MinRadiusMeters", o.Scoring.MinRadiusMeters.ToString("R", Inv));
        Option(w, "Trimming.MinHomes", minHomes.ToString(Inv));
        Option(w, "Trimming.MaxSpreadMeters", o.Trimming.MaxSpreadMeters.ToString("R", Inv));
        if (o.Trimming.Teams is int teams) Option(w, "Trimming.Teams", teams.ToString(Inv));
        foreach (var a in o.Authorities)
        {
            var parts = new List<string>();
            if (a.Name is { Length: > 0 } name) parts.Add(name);
            if (a.TargetSize is int t) parts.Add("target " + t.ToString(Inv));
            if (a.MinHomes is int mh) parts.Add("min homes " + mh.ToString(Inv));
            if (a.MaxSpreadMeters is double ms) parts.Add("max spread " + ms.ToString("R", Inv) + " m");
            if (a.Teams is int at) parts.Add(at.ToString(Inv) + " teams");
            Option(w, "Authorities[" + a.Code + "]", string.Join(", ", parts));
        }

        Option(w, "MaxDegreeOfParallelism", o.MaxDegreeOfParallelism.ToString(Inv));
        w.Write("</dl></footer>\n");
        w.Write(string.Create(Inv, $"<div id=\"check\" hidden data-status=\"pending\" data-expected-hulls=\"{plan.Places.Count}\"></div>\n"));
        w.Write("<script>\n");
        w.Write(MapScript);
        w.Write("</script>\n</body>\n</html>\n");
        w.Flush();
    }

    /// <summary>The curve "teams → coverage": coverage of the best n places for every n, the plan's own n marked.</summary>
    private static void TeamsCard(TextWriter w, PlacePlan plan)
    {
        var curve = TeamsCurve.Of(plan);
        w.Write("<div class=\"card\"><h2>Teams → coverage</h2><p class=\"muted\">Share of all homes the best n places cover (the n largest clusters that keep the spread rule): what each extra team buys.");
        int? teams = plan.Options.Trimming.Teams;
        if (teams is int n)
        {
            w.Write(string.Create(Inv, $" This plan is for <b>{n:N0}</b> teams"));
            if (n > curve.Count) w.Write(string.Create(Inv, $"; only <b>{curve.Count:N0}</b> clusters keep the spread rule, so {n - curve.Count:N0} teams have no place"));
            w.Write(".");
        }

        w.Write("</p>");
        var values = curve.Select(p => p.CoverageRatio * 100).ToArray();
        var labels = curve.Select(p => string.Create(Inv, $"{p.Teams:N0} teams: {p.CoverageRatio * 100:0.0}% ({p.Homes:N0} homes; this team adds {p.SmallestPlace:N0})")).ToArray();
        var colours = curve.Select(p => teams is int t && p.Teams <= t ? "#4e79a7" : "#9fb7d3").ToArray();
        SvgCharts.RankBars(w, values, labels, colours, "% of homes covered", "teams");
        w.Write("</div>");
    }

    /// <summary>
    /// The plan as an HTML fragment to show inside a notebook or another page: the headline, key figures, the map and
    /// the ranked places.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Unlike <see cref="Write(PlacePlan, TextWriter)"/> this is not a whole page: one <c>&lt;div
    /// class="placekit-plan"&gt;</c> with its own styles (every rule scoped to that class, so the host page is left
    /// alone) and no script. The map is the report's map (every home coloured by its place, unplaced homes grey, each
    /// place's outline labelled with its rank, hover for a place's figures), drawn once, without zoom or pan; open
    /// <c>report.html</c> for those. In a .NET Interactive notebook: <c>PlanReport.ToHtml(plan).DisplayAs("text/html");</c>
    /// </para>
    /// <para>
    /// Every text from the input is HTML-encoded. About the size of the report's map: 0.4 MB for 45,000 homes.
    /// Deterministic: the same plan gives the same text. O(n log n) in the number of homes.
    /// </para>
    /// </remarks>
    /// <param name="plan">The plan.</param>
    /// <param name="maxPlaces">How many places, tightest first, the table lists; the rest are counted. 0 leaves the table out.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPlaces"/> is negative.</exception>
    public static string ToHtml(PlacePlan plan, int maxPlaces = 10)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPlaces);
        var w = new StringWriter(Inv);
        var c = plan.Coverage;
        var colours = PlacePalette.For(plan.Places);
        w.Write("<div class=\"placekit-plan\">\n<style>\n");
        w.Write(FragmentCss);
        w.Write("</style>\n");
        w.Write($"<h3>{E(c.Headline)}</h3>\n<p class=\"pk-figures\">");
        w.Write(string.Create(Inv, $"<b>{c.TotalHomes:N0}</b> homes in {plan.Homes.Authorities.Count:N0} {Plural(plan.Homes.Authorities.Count, "authority", "authorities")} · "));
        w.Write(string.Create(Inv, $"<b>{c.Places:N0}</b> {Plural(c.Places, "place", "places")} kept of {plan.Clusters.Count:N0} {Plural(plan.Clusters.Count, "cluster", "clusters")} · "));
        w.Write(string.Create(Inv, $"coverage <b>{c.CoverageRatio * 100:0.0}%</b> ({c.PlacedHomes:N0} placed, {c.UnplacedHomes:N0} unplaced)"));
        if (c.Places > 0) w.Write(string.Create(Inv, $" · place size mean {Math.Round(c.MeanPlaceSize):N0}, median {c.MedianPlaceSize:N0}, range {c.MinPlaceSize:N0}–{c.MaxPlaceSize:N0}"));
        w.Write("</p>\n");
        if (c.UnplacedByRule.Count > 0)
        {
            w.Write("<p class=\"pk-muted\">Unplaced homes by the rule their cluster broke: ");
            w.Write(string.Join(" · ", c.UnplacedByRule.Select(kv => $"<b>{E(kv.Key)}</b> {Count(kv.Value)}")));
            w.Write(" (a home whose cluster broke both rules counts under both).</p>\n");
        }

        w.Write("<div class=\"pk-map\">");
        ReportMap.Write(w, plan, colours);
        w.Write("</div>\n<p class=\"pk-muted\">One colour a place (neighbours differ), unplaced homes grey, each place outlined and labelled with its rank; hover an outline for its figures.</p>\n");
        if (maxPlaces > 0 && plan.Places.Count > 0)
        {
            w.Write("<table><thead><tr><th>Rank</th><th>Place</th><th>Authority</th><th>Homes</th><th>Tightness (homes/km²)</th><th>r90 (m)</th></tr></thead><tbody>\n");
            int shown = Math.Min(maxPlaces, plan.Places.Count);
            for (int p = 0; p < shown; p++)
            {
                var place = plan.Places[p];
                w.Write(string.Create(Inv,
                    $"<tr><td>{place.Rank}</td><td><span class=\"pk-sw\" style=\"background:{colours[p]}\"></span>{E(place.Id)}</td><td>{E(Area(plan, place.Authority))}</td><td>{place.Homes:N0}</td><td>{place.Tightness:N0}</td><td>{place.Score.R90Meters:N0}</td></tr>\n"));
            }

            w.Write("</tbody></table>\n");
            if (plan.Places.Count > shown)
            {
                w.Write(string.Create(Inv, $"<p class=\"pk-muted\">… and {plan.Places.Count - shown:N0} more {Plural(plan.Places.Count - shown, "place", "places")}, down to rank {plan.Places[^1].Rank}: every place is in <code>plan.Places</code> (and in places.geojson and homes.csv by <code>place_id</code>).</p>\n"));
            }
        }
        else if (plan.Places.Count == 0)
        {
            w.Write("<p>No cluster met the rules, so there are no places. Try a smaller <code>MinHomes</code> or a larger <code>MaxSpreadMeters</code>.</p>\n");
        }

        w.Write("</div>\n");
        return w.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>An authority as the report shows it: its name and code, or its code alone when it has no name.</summary>
    private static string Area(PlacePlan plan, string code) => plan.Options.NameOf(code) is var name && name != code ? name + " (" + code + ")" : code;

    private static string Count(double v) => v.ToString("N0", Inv);

    private static string Plural(int n, string one, string many) => n == 1 ? one : many;

    private static void Figure(TextWriter w, string label, string value, string detail) =>
        w.Write($"<div class=\"figure\"><div class=\"label\">{E(label)}</div><div class=\"value\">{E(value)}</div><div class=\"detail\">{E(detail)}</div></div>");

    private static void Option(TextWriter w, string name, string value) => w.Write($"<div><dt>{E(name)}</dt><dd>{E(value)}</dd></div>");

    private static string ScaleBar(PlacePlan plan)
    {
        // A first guess for the scale bar before the script measures the map; the script redraws it on every zoom.
        var xs = plan.Homes.X;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double x in xs)
        {
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        double span = xs.Length == 0 ? 400 : Math.Max(max - min, 400) * 1.06;
        double metres = ReportMap.ScaleBarMeters(span / ReportMap.AssumedPixels);
        double px = metres / (span / ReportMap.AssumedPixels);
        string label = metres >= 1000 ? (metres / 1000).ToString("0.##", Inv) + " km" : metres.ToString("0", Inv) + " m";
        return string.Create(Inv, $"<div id=\"scale\"><div class=\"bar\" style=\"width:{px:0}px\"></div><span>{label}</span></div>");
    }

    private static string Version()
    {
        var asm = typeof(PlanReport).Assembly;
        string v = asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? asm.GetName().Version?.ToString() ?? "unknown";
        int plus = v.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 && v.Length > plus + 8 ? v[..(plus + 8)] : v;
    }

    private const string ErrorTrap = """
        window.__placekitErrors = [];
        window.addEventListener('error', function (e) {
          var t = e.target && e.target !== window ? 'failed to load ' + (e.target.src || e.target.href || e.target.tagName) : (e.message || 'error');
          window.__placekitErrors.push(t);
        }, true);
        window.addEventListener('unhandledrejection', function (e) { window.__placekitErrors.push('unhandled rejection: ' + e.reason); });
        document.addEventListener('securitypolicyviolation', function (e) { window.__placekitErrors.push('blocked ' + e.blockedURI); });
        (function () { var ce = console.error; console.error = function () { window.__placekitErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); ce.apply(console, arguments); }; })();

        """;

    private const string Css = """
        :root { --ink: #1d2329; --muted: #5d6770; --line: #e3e6e8; --bg: #f5f6f4; --accent: #2f6f9f; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 24px 32px 40px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
        header { margin-bottom: 16px; }
        .kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); }
        h1 { margin: 2px 0 14px; font-size: 28px; font-weight: 650; }
        h2 { margin: 0 0 6px; font-size: 17px; }
        .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; }
        .figure { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
        .figure .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
        .figure .value { font-size: 30px; font-weight: 700; line-height: 1.2; }
        .figure .detail { color: var(--muted); }
        .muted { color: var(--muted); margin: 6px 0 10px; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 14px 0; }
        .map-head { display: flex; align-items: flex-start; gap: 16px; }
        .map-head h2 { margin-top: 2px; }
        .legend { flex: 1; margin: 0; color: var(--muted); }
        .hint { display: block; font-size: 12px; }
        .controls button { width: 30px; height: 30px; margin-left: 4px; border: 1px solid #c9ced2; border-radius: 6px; background: #fff; font-size: 16px; cursor: pointer; }
        .sw { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin: 0 5px 0 8px; vertical-align: -1px; }
        td .sw { margin-left: 0; }
        .sw.grey { background: #b4b8bb; }
        .sw.hull { border-radius: 2px; border: 1.5px solid var(--ink); background: transparent; }
        .map-wrap { position: relative; margin-top: 8px; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; background: #fbfbf9; }
        #map { display: block; width: 100%; height: auto; max-height: 78vh; min-height: 420px; cursor: grab; touch-action: none; --dot: 2.2px; }
        #map.dragging { cursor: grabbing; }
        #map .authorities path { fill: #f1f2ee; fill-rule: evenodd; stroke: #9aa09a; stroke-width: 1.2; vector-effect: non-scaling-stroke; }
        #map .authorities path.fallback { stroke-dasharray: 5 4; }
        #map #territories path { fill-opacity: .10; fill-rule: evenodd; stroke-opacity: .55; stroke-width: 1; vector-effect: non-scaling-stroke; stroke-linejoin: round; }
        .sw.territory { background: #4e79a733; border: 1px solid #4e79a7; border-radius: 2px; }
        .sw.boundary { background: #f1f2ee; border: 1.5px solid #9aa09a; border-radius: 2px; }
        .sw.fallback { background: #f1f2ee; border: 1.5px dashed #9aa09a; border-radius: 2px; }
        #map .dots { fill: none; stroke-linecap: round; stroke-width: var(--dot); vector-effect: non-scaling-stroke; }
        #map .dots.unplaced { stroke: #b4b8bb; }
        #map #hulls polygon { fill-opacity: .06; stroke-dasharray: 4 3; stroke-width: 1.4; vector-effect: non-scaling-stroke; stroke-linejoin: round; }
        #map #hulls polygon:hover { fill-opacity: .35; }
        #map #hulls polygon.focus { stroke-width: 3; fill-opacity: .3; }
        #map text { font-family: inherit; paint-order: stroke; stroke: #fff; stroke-width: 3px; vector-effect: non-scaling-stroke; stroke-linejoin: round; pointer-events: none; }
        #map #labels text { font-weight: 700; fill: var(--ink); text-anchor: middle; }
        #map #auth-labels text { fill: #7b8288; text-anchor: middle; }
        #scale { position: absolute; left: 12px; bottom: 10px; font-size: 12px; background: rgba(255,255,255,.85); padding: 2px 6px 3px; border-radius: 4px; }
        #scale .bar { height: 6px; border: 1.5px solid var(--ink); border-top: none; margin-bottom: 1px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 14px; align-items: start; }
        .charts .card { margin: 0; }
        .chart { width: 100%; height: auto; display: block; font-size: 11px; fill: var(--ink); }
        .chart .note { fill: var(--muted); }
        .chart .axis { fill: var(--muted); }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); }
        th { font-size: 12px; color: var(--muted); font-weight: 600; background: #fafbfa; position: sticky; top: 0; }
        td:nth-child(n+4), th:nth-child(n+4) { text-align: right; }
        table:not(.places) td:last-child, table:not(.places) th:last-child { text-align: left; }
        table.places tbody tr { cursor: pointer; }
        table.places tbody tr:hover { background: #f1f5f9; }
        .rule { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; background: #f2efe9; padding: 1px 4px; border-radius: 3px; }
        footer { margin-top: 20px; color: var(--muted); font-size: 12px; }
        .options { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 6px 0 0; }
        .options dt { display: inline; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        .options dt::after { content: " = "; }
        .options dd { display: inline; margin: 0; color: var(--ink); }

        """;

    private const string FragmentCss = """
        .placekit-plan { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d2329; max-width: 1100px; }
        .placekit-plan h3 { margin: 4px 0 6px; font-size: 20px; }
        .placekit-plan p { margin: 4px 0; }
        .placekit-plan .pk-muted { color: #5d6770; }
        .placekit-plan .pk-map { margin: 8px 0 2px; border: 1px solid #e3e6e8; border-radius: 6px; background: #fbfbf9; }
        .placekit-plan .pk-map svg { display: block; width: 100%; height: auto; max-height: 70vh; }
        .placekit-plan .pk-map .authorities polygon { fill: #eef0ea; stroke: #c7cbc2; stroke-width: 1; vector-effect: non-scaling-stroke; }
        .placekit-plan .pk-map .dots { fill: none; stroke-linecap: round; stroke-width: 2.2px; vector-effect: non-scaling-stroke; }
        .placekit-plan .pk-map .dots.unplaced { stroke: #b4b8bb; }
        .placekit-plan .pk-map g[id="hulls"] polygon { fill-opacity: .13; stroke-width: 1.6; vector-effect: non-scaling-stroke; stroke-linejoin: round; }
        .placekit-plan .pk-map g[id="hulls"] polygon:hover { fill-opacity: .35; }
        .placekit-plan .pk-map text { paint-order: stroke; stroke: #fff; stroke-width: 3px; vector-effect: non-scaling-stroke; stroke-linejoin: round; pointer-events: none; }
        .placekit-plan .pk-map g[id="labels"] text { font-weight: 700; fill: #1d2329; text-anchor: middle; }
        .placekit-plan .pk-map g[id="auth-labels"] text { fill: #7b8288; text-anchor: middle; }
        .placekit-plan table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 6px 0; }
        .placekit-plan th, .placekit-plan td { text-align: left; padding: 3px 10px; border-bottom: 1px solid #e3e6e8; }
        .placekit-plan th { font-size: 12px; color: #5d6770; font-weight: 600; }
        .placekit-plan td:nth-child(n+4), .placekit-plan th:nth-child(n+4) { text-align: right; }
        .placekit-plan .pk-sw { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; }

        """;

    private const string MapScript = """
        (function () {
          var svg = document.getElementById('map');
          var labels = document.getElementById('labels'), authLabels = document.getElementById('auth-labels');
          var scale = document.getElementById('scale'), bar = scale.querySelector('.bar'), text = scale.querySelector('span');
          var b = svg.viewBox.baseVal, home = { x: b.x, y: b.y, w: b.width, h: b.height }, vb = { x: b.x, y: b.y, w: b.width, h: b.height };
          function unitsPerPixel() { var m = svg.getScreenCTM(); return m && m.a ? 1 / m.a : vb.w / (svg.clientWidth || 1200); }
          function apply() {
            svg.setAttribute('viewBox', vb.x + ' ' + vb.y + ' ' + vb.w + ' ' + vb.h);
            var u = unitsPerPixel();
            labels.setAttribute('font-size', 13 * u);
            authLabels.setAttribute('font-size', 11 * u);
            svg.style.setProperty('--dot', Math.min(7, 2.2 * Math.pow(home.w / vb.w, 0.3)).toFixed(2) + 'px');
            var target = 110 * u, p = Math.pow(10, Math.floor(Math.log10(target))), m = p;
            [5, 2, 1].some(function (k) { if (k * p <= target) { m = k * p; return true; } return false; });
            bar.style.width = Math.round(m / u) + 'px';
            text.textContent = m >= 1000 ? (m / 1000) + ' km' : m + ' m';
          }
          function toMap(cx, cy) { var pt = new DOMPoint(cx, cy).matrixTransform(svg.getScreenCTM().inverse()); return pt; }
          function zoom(p, k) {
            var w = Math.min(home.w * 2, Math.max(home.w / 5000, vb.w * k)); k = w / vb.w;
            vb.x = p.x - (p.x - vb.x) * k; vb.y = p.y - (p.y - vb.y) * k; vb.w *= k; vb.h *= k; apply();
          }
          function centre() { return { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 }; }
          svg.addEventListener('wheel', function (e) { e.preventDefault(); zoom(toMap(e.clientX, e.clientY), Math.exp(e.deltaY * (e.deltaMode ? 0.05 : 0.0015))); }, { passive: false });
          var drag = null;
          svg.addEventListener('pointerdown', function (e) { drag = { x: e.clientX, y: e.clientY, vx: vb.x, vy: vb.y, u: unitsPerPixel() }; svg.setPointerCapture(e.pointerId); svg.classList.add('dragging'); });
          svg.addEventListener('pointermove', function (e) { if (!drag) return; vb.x = drag.vx - (e.clientX - drag.x) * drag.u; vb.y = drag.vy - (e.clientY - drag.y) * drag.u; apply(); });
          function end() { drag = null; svg.classList.remove('dragging'); }
          svg.addEventListener('pointerup', end); svg.addEventListener('pointercancel', end);
          svg.addEventListener('dblclick', function (e) { zoom(toMap(e.clientX, e.clientY), e.shiftKey ? 2 : 0.5); });
          document.querySelectorAll('[data-zoom]').forEach(function (btn) {
            btn.addEventListener('click', function () {
              var z = btn.getAttribute('data-zoom');
              if (z === 'reset') { vb = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); } else { zoom(centre(), z === 'in' ? 0.5 : 2); }
            });
          });
          var hulls = {};
          document.querySelectorAll('#hulls [data-place]').forEach(function (h) { hulls[h.getAttribute('data-place')] = h; });
          document.querySelectorAll('tr[data-goto]').forEach(function (row) {
            row.addEventListener('click', function () {
              var h = hulls[row.getAttribute('data-goto')]; if (!h) return;
              var r = h.getAttribute('data-bbox').split(' ').map(Number), s = Math.max(r[2], r[3], 400) * 1.6;
              vb = { x: r[0] + r[2] / 2 - s / 2, y: r[1] + r[3] / 2 - s / 2, w: s, h: s * home.h / home.w };
              Object.keys(hulls).forEach(function (k) { hulls[k].classList.toggle('focus', hulls[k] === h); });
              apply(); svg.scrollIntoView({ behavior: 'smooth', block: 'center' });
            });
          });
          window.addEventListener('resize', apply);
          apply();
          window.addEventListener('load', function () {
            var check = document.getElementById('check'), errors = window.__placekitErrors || [];
            var n = svg.querySelectorAll('#hulls [data-place]').length, expected = +check.getAttribute('data-expected-hulls');
            var nt = svg.querySelectorAll('#territories [data-territory]').length;
            check.setAttribute('data-hulls', n);
            check.setAttribute('data-territories', nt);
            check.setAttribute('data-errors', errors.length);
            check.setAttribute('data-error-text', errors.join(' | '));
            check.setAttribute('data-render-ms', Math.round(performance.now()));
            check.setAttribute('data-status', errors.length === 0 && n === expected && nt === expected ? 'ok' : 'fail');
          });
        })();

        """;
}
