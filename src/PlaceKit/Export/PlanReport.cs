using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>Writes a plan as one self-contained HTML page: headline figures, a map, charts and tables.</summary>
/// <remarks>
/// <para>
/// The page needs no network: styles, scripts, data and every picture are inline, and a Content-Security-Policy
/// forbids loading anything else. It holds the headline (<see cref="Coverage.CoverageReport.Headline"/>) and key
/// figures; a map drawn by the studio's own map code (<c>Export/Map/placekit-map.js</c>, inlined with the vendored
/// Leaflet 1.9.4 and its licence, no basemap): every home coloured by its place (neighbouring places get different
/// colours) on one canvas, unplaced homes grey, each place's territory, each authority's area (its boundary, or a dashed
/// area drawn around its homes when no boundary was given), place and authority labels that never collide, a legend
/// that switches every layer, a first view that fits the homes in a place, zoom, pan and a km scale; a place-size
/// histogram, tightness by rank and coverage per authority; the ranked places (a row takes the map there) and the
/// trimmed clusters with their reasons; and a footer with the options, seed and PlaceKit version that made the plan.
/// </para>
/// <para>
/// Every text from the input (home ids, authority codes) is HTML-encoded in the page, and JSON-escaped (<c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c> as <c>\u003C</c>...) in the map data, so no id can close its script. Homes travel as
/// squares (the homes of one place in one grid cell, at their centroid, with their count) in compact varints, outlines as
/// delta-coded integer rings (<see cref="ReportMapData"/>). A plan that fits the map's limits (600,000 squares, 200,000
/// outline vertices) draws every home where it is, on a 1 m grid; a larger one counts unplaced homes on a coarser grid
/// first, then placed homes, and simplifies outlines more (topology-preserving), and the page says what it thinned and
/// how. Every place keeps its squares, outline, label and table row. Deterministic: the same plan writes the
/// same bytes (no timestamp). O(n log n) in the number of homes.
/// </para>
/// <para>
/// An element <c>#check</c> is filled in by the page's own script, for automated browser checks: <c>data-status</c>
/// (<c>ok</c> or <c>fail</c>), <c>data-territories</c> (territories drawn), <c>data-expected-hulls</c> (places in the
/// plan), <c>data-labels</c> (place labels drawn), <c>data-legend</c> (legend rows), <c>data-fit</c> (<c>yes</c> when
/// the first view holds every home in a place), <c>data-homes-drawn</c>, <c>data-errors</c> (script errors, blocked
/// loads and console errors seen) and <c>data-render-ms</c>.
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
        Write(plan, writer, ReportMapLimits.Default);
    }

    /// <summary>Writes the report with the map's limits given (tests set small ones to reach thinning with small plans).</summary>
    internal static void Write(PlacePlan plan, TextWriter writer, ReportMapLimits limits)
    {
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
        w.Write(LeafletCss.Value);
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

        // Map: the shared map code (the studio's) over Leaflet, all inline; no basemap, so the report stays offline.
        var layout = ReportMapData.Lay(plan, limits);
        w.Write("<section class=\"card map-card\"><div class=\"map-head\"><h2>Map</h2><p class=\"muted\">Every home coloured by its place, each place's territory and each authority's area; the legend (bottom left) switches layers on and off. ");
        w.Write("Scroll to zoom, drag to pan, click a place in the table to go there. No basemap: the report needs no network (<code>placekit studio</code> shows the streets).</p></div>");
        string? thinned = ThinningNote(plan, layout);
        if (thinned is not null) w.Write($"<p class=\"muted\" id=\"map-thinned\">{E(thinned)}</p>");

        w.Write("<div id=\"map\" role=\"application\" aria-label=\"Map of the plan's homes, places and authorities\"></div></section>\n");

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
        Option(w, "Clustering.Restarts", o.Clustering.Restarts?.ToString(Inv) ?? "automatic (3 runs per authority up to 2^20 homes × clusters, else 1)");
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
        w.Write("<script id=\"plan-data\" type=\"application/json\">");
        ReportMapData.WriteJson(w, plan, colours, layout);
        w.Write("</script>\n<script id=\"plan-homes\" type=\"application/octet-stream\">");
        ReportMapData.WriteHomes(w, layout);
        w.Write("</script>\n<script>\n");
        w.Write(LeafletScript.Value);
        w.Write(ReportMapData.Asset("placekit-map.js"));
        w.Write(MapScript);
        w.Write("</script>\n</body>\n</html>\n");
        w.Flush();
    }

    /// <summary>What the map thinned to stay small and fast, and how, in words; null when it draws every home and the studio's outlines.</summary>
    internal static string? ThinningNote(PlacePlan plan, ReportMapData.Layout layout)
    {
        if (!layout.PlacedThinned && !layout.UnplacedThinned && !layout.OutlinesThinned) return null;
        var parts = new List<string>();
        int places = plan.Places.Count, placedHomes = layout.HomesPerGroup.Take(places).Sum(), placedSquares = layout.SquaresPerGroup.Take(places).Sum();
        int unplacedHomes = layout.HomesPerGroup[places], unplacedSquares = layout.SquaresPerGroup[places];
        if (layout.PlacedThinned)
        {
            parts.Add(string.Create(Inv, $"homes in a place are drawn one square per place per {Meters(layout.PlacedCellMeters)} cell, at the centre of its homes ({placedHomes:N0} homes in {placedSquares:N0} squares; every place has its squares)"));
        }

        if (layout.UnplacedThinned)
        {
            parts.Add(string.Create(Inv, $"unplaced homes are counted on a {Meters(layout.UnplacedCellMeters)} grid, one grey square per cell ({unplacedHomes:N0} homes in {unplacedSquares:N0} squares)"));
        }

        string text = string.Create(Inv, $"This plan has {plan.Homes.Count:N0} homes, more than the map draws one by one, so it draws {layout.SquareCount:N0} squares: ");
        if (parts.Count == 0) text = "";
        else text += string.Join("; ", parts) + (layout.PlacedThinned || layout.UnplacedThinned ? "; a square holding more homes is drawn larger (4, 16, 64 or more). " : ". ");
        if (layout.OutlinesThinned)
        {
            text += string.Create(Inv, $"Territories and authority areas are simplified to {Meters(layout.ToleranceMeters)} (NetTopologySuite's topology-preserving simplifier; {layout.OutlineVertices:N0} vertices) so the page stays fast; every place keeps its outline. ");
        }

        return text + "Every home is in homes.csv and counted in the figures and tables; territories.geojson and places.gpkg have the outlines exactly.";
    }

    private static string Meters(double m) => m >= 1000 ? (m / 1000).ToString("0.##", Inv) + " km" : m.ToString("0.##", Inv) + " m";

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
    /// alone) and no script. The map is a static inline SVG, not report.html's interactive one (every home coloured by its place, unplaced homes grey, each
    /// place's outline labelled with its rank, hover for a place's figures), drawn once, without zoom or pan; open
    /// <c>report.html</c> for those. In a .NET Interactive notebook: <c>PlanReport.ToHtml(plan).DisplayAs("text/html");</c>
    /// </para>
    /// <para>
    /// Every text from the input is HTML-encoded. About 0.4 MB for 45,000 homes.
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

    /// <summary>Leaflet's script with its licence (BSD 2-Clause) in a comment before it, between markers the tests look for.</summary>
    private static readonly Lazy<string> LeafletScript = new(() =>
        "/* ---- Leaflet 1.9.4 (https://leafletjs.com), vendored from npm; its licence: ----\n" + ReportMapData.Asset("LICENSE").Replace("*/", "* /", StringComparison.Ordinal) + "*/\n" +
        ReportMapData.Asset("leaflet.js") + "\n/* ---- end of Leaflet ---- */\n");

    /// <summary>Leaflet's style sheet, with the same licence note.</summary>
    private static readonly Lazy<string> LeafletCss = new(() =>
        "/* ---- Leaflet 1.9.4 style sheet (BSD 2-Clause licence, in the script below) ---- */\n" + ReportMapData.Asset("leaflet.css") + "\n/* ---- end of Leaflet ---- */\n");

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
        .map-head p { flex: 1; margin: 2px 0 0; }
        #map { height: 72vh; min-height: 420px; margin-top: 8px; border: 1px solid var(--line); border-radius: 6px; background: #fbfbf9; }
        #map .leaflet-container, #map.leaflet-container { font: inherit; background: #fbfbf9; }
        .sw { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin: 0 5px 0 8px; vertical-align: -1px; }
        td .sw { margin-left: 0; }
        .sw.grey { background: #b4b8bb; }
        section.card:not(.map-card), .charts .card { content-visibility: auto; contain-intrinsic-size: auto 640px; }
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

    /// <summary>The report's own few lines over the shared map code: read the inline data, draw, fit, fill <c>#check</c>.</summary>
    private const string MapScript = """

        (function () {
          var check = document.getElementById('check');
          var t0 = performance.now();
          try {
            var K = window.PlaceKitMap;
            var data = JSON.parse(document.getElementById('plan-data').textContent);
            var text = document.getElementById('plan-homes').textContent.trim(), bytes;
            if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(text);
            else { var raw = atob(text); bytes = new Uint8Array(raw.length); for (var b = 0; b < raw.length; b++) bytes[b] = raw.charCodeAt(b); }
            // Squares: per group (each place, then the unplaced homes) varints of zigzag deltas of micro-degrees, then count - 1.
            var n = data.squares, P = data.places.length, at = 0, k = 0, qa = 0, qo = 0, homesDrawn = 0, v, mul, c, part;
            var lat = new Float64Array(n), lng = new Float64Array(n), assignment = new Int32Array(n), bump = new Uint8Array(n);
            for (var g = 0; g < data.groups.length; g++) {
              var thin = (g < P ? data.placedCell : data.unplacedCell) > data.finestCell, a = g < P ? g : -1;
              for (var j = 0; j < data.groups[g]; j++, k++) {
                for (part = 0; part < 3; part++) {
                  v = 0; mul = 1;
                  do { c = bytes[at++]; v += (c & 127) * mul; mul *= 128; } while (c >= 128);
                  if (part === 0) qa += v % 2 ? -(v + 1) / 2 : v / 2;
                  else if (part === 1) qo += v % 2 ? -(v + 1) / 2 : v / 2;
                }
                var count = v + 1;
                lat[k] = qa / 1e6; lng[k] = qo / 1e6; assignment[k] = a; homesDrawn += count;
                if (thin) bump[k] = count >= 64 ? 3 : count >= 16 ? 2 : count >= 4 ? 1 : 0;
              }
            }
            if (k !== n || at !== bytes.length) throw new Error('homes data: ' + k + ' of ' + n + ' squares, ' + (bytes.length - at) + ' bytes left');
            // Outlines: rings of 1e-5 degree integers, the first pair absolute, then deltas.
            var rings = function (o) {
              return o.map(function (poly) {
                return poly.map(function (r) {
                  var out = new Array(r.length / 2), a = 0, c = 0;
                  for (var i = 0; i < r.length; i += 2) { a += r[i]; c += r[i + 1]; out[i / 2] = new L.LatLng(a / 1e5, c / 1e5); }
                  return out;
                });
              });
            };
            data.places.forEach(function (p) { p.outline = rings(p.o); delete p.o; });
            data.authorities.forEach(function (a) { a.outline = rings(a.o); delete a.o; });
            var pr = K.project(lat, lng);
            var colour32 = new Uint32Array(data.places.map(function (p) { return K.rgba32(p.colour); }));
            var made = K.createMap('map');
            var map = made.map;
            map.attributionControl.addAttribution('no basemap (offline report)');
            var on = { homes: true, unplaced: true, outlines: true, authorities: true, labels: true };
            var homes = new K.HomesLayer(function () { return { n: n, mx: pr.mx, my: pr.my, assignment: assignment, bump: bump, colour32: colour32, showPlaced: on.homes, showUnplaced: on.unplaced }; });
            var focus = null;
            var labels = new K.LabelsLayer(function () {
              var out = [];
              if (focus) out.push({ text: K.placeLabel(focus), latlng: focus.centre });
              data.places.forEach(function (p) { if (p !== focus) out.push({ text: K.placeLabel(p), latlng: p.centre }); });
              if (on.authorities) data.authorities.forEach(function (a) { out.push({ text: a.code, latlng: a.label, authority: true }); });
              return out;
            });
            var outlines = L.layerGroup(), areas = L.layerGroup();
            K.authorityAreas(areas, data.authorities, made.renderer).addTo(map);
            var polygons = K.territories(outlines, data.places, made.renderer, null);
            outlines.addTo(map);
            var fitted = K.fitPlaces(map, { n: n, lat: lat, lng: lng, assignment: assignment }, areas);
            homes.addTo(map);
            labels.addTo(map);
            var m = function (v) { return v >= 1000 ? v / 1000 + ' km' : v + ' m'; }, notes = [];
            if (data.placedCell > data.finestCell) notes.push('homes in a place: one square per place per ' + m(data.placedCell) + ' cell');
            if (data.unplacedCell > data.finestCell) notes.push('unplaced homes counted on a ' + m(data.unplacedCell) + ' grid');
            if (notes.length) notes.push('larger squares hold more homes');
            if (data.tolerance > 2) notes.push('outlines simplified to ' + m(data.tolerance));
            var note = notes.length ? 'Thinned to stay fast (' + homesDrawn.toLocaleString('en-GB') + ' homes in ' + n.toLocaleString('en-GB') + ' squares): ' + notes.join('; ') + '.' : null;
            var items = K.legendItems({ locked: data.places.some(function (p) { return p.locked; }) });
            K.legend(items, function (key, value) {
              on[key] = value;
              var layer = key === 'outlines' ? outlines : key === 'authorities' ? areas : key === 'labels' ? labels : null;
              if (layer) { if (value) layer.addTo(map); else layer.remove(); }
              homes.redraw();
              if (map.hasLayer(labels)) labels.redraw();
            }, note).addTo(map);
            var byId = new Map(data.places.map(function (p) { return [p.id, p]; }));
            document.querySelectorAll('tr[data-goto]').forEach(function (row) {
              row.addEventListener('click', function () {
                var id = row.getAttribute('data-goto'), poly = polygons.get(id);
                if (!poly || poly.isEmpty()) return;
                focus = byId.get(id);
                polygons = K.territories(outlines, data.places, made.renderer, id);
                map.fitBounds(poly.getBounds(), { padding: [40, 40], maxZoom: 16, animate: false });
                map.getContainer().scrollIntoView({ behavior: 'smooth', block: 'center' });
              });
            });
            var view = map.getBounds();
            check.setAttribute('data-territories', String(polygons.size));
            check.setAttribute('data-homes-drawn', String(homesDrawn));
            check.setAttribute('data-squares', String(n));
            check.setAttribute('data-labels', String(labels.drawn));
            check.setAttribute('data-legend', String(document.querySelectorAll('#legend label').length));
            check.setAttribute('data-fit', data.places.length === 0 ? 'none' : (fitted && view.contains(fitted) ? 'yes' : 'no'));
            check.setAttribute('data-zoom', String(map.getZoom()));
            window.placekitReport = { map: map, polygons: polygons, labels: labels, fitted: fitted };
          } catch (e) {
            (window.__placekitErrors = window.__placekitErrors || []).push('map: ' + (e && e.message ? e.message : e));
          }
          check.setAttribute('data-render-ms', String(Math.round(performance.now() - t0)));
          function done() {
            var errors = window.__placekitErrors || [], expected = +check.getAttribute('data-expected-hulls');
            check.setAttribute('data-errors', String(errors.length));
            check.setAttribute('data-error-text', errors.join(' | '));
            var fit = check.getAttribute('data-fit');
            var ok = errors.length === 0 && +check.getAttribute('data-territories') === expected && +check.getAttribute('data-legend') >= 5 &&
              (expected === 0 ? fit === 'none' : fit === 'yes' && +check.getAttribute('data-labels') > 0);
            check.setAttribute('data-status', ok ? 'ok' : 'fail');
          }
          done();
          window.addEventListener('load', done);
        })();

        """;
}
