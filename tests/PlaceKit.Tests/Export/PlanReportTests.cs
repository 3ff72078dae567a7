using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Export;

public sealed class PlanReportTests
{
    private const string Hostile = "<script>alert('x')</script>&co";

    /// <summary>Two places (one a block of flats on one coordinate, in an authority with a hostile code) and a trimmed cluster.</summary>
    private static PlacePlan SmallPlan()
    {
        var homes = new List<Home>();
        for (int i = 0; i < 30; i++) homes.Add(new Home($"a{i}", 400000 + (i % 6 * 20), 300000 + (i / 6 * 20), "E1"));
        for (int i = 0; i < 30; i++) homes.Add(new Home($"f{i}", 420000, 310000, Hostile));
        for (int i = 0; i < 3; i++) homes.Add(new Home($"r{i}", 440000 + (i * 3000), 320000, "E3"));
        return PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 30 }, Trimming = { MinHomes = 10 } }).Define(HomeSet.Create(homes));
    }

    private static PlacePlan SamplePlan() =>
        PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 150 }, Trimming = { MaxSpreadMeters = 1500 } })
            .Define(HomeSet.Create(SampleStock.Generate(6000, 5, 11)));

    private static string Html(PlacePlan plan)
    {
        using var ms = new MemoryStream();
        PlanReport.Write(plan, ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    /// <summary>The map's JSON (places, authorities) as the page's script reads it.</summary>
    private static JsonDocument MapData(string html) =>
        JsonDocument.Parse(Regex.Match(html, "<script id=\"plan-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value);

    /// <summary>The map's squares as the page's script decodes them: group (place index, unplaced = places), lat, lng, homes.</summary>
    private static (int[] Group, double[] Lat, double[] Lng, int[] Homes) MapSquares(string html, JsonDocument data)
    {
        var bytes = Convert.FromBase64String(Regex.Match(html, "<script id=\"plan-homes\" type=\"application/octet-stream\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value.Trim());
        var groups = data.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetInt32()).ToArray();
        var squares = ReportMapData.DecodeSquares(bytes, groups);
        Assert.Equal(data.RootElement.GetProperty("squares").GetInt32(), squares.Group.Length);
        return squares;
    }

    /// <summary>An outline as the page decodes it: polygons of rings of [lat, lng] (1e-5 degree integers, deltas after the first pair).</summary>
    private static List<List<List<(double Lat, double Lng)>>> Outline(JsonElement o) =>
        o.EnumerateArray().Select(poly => poly.EnumerateArray().Select(ring =>
        {
            var v = ring.EnumerateArray().Select(x => x.GetInt64()).ToArray();
            var pts = new List<(double, double)>();
            long a = 0, b = 0;
            for (int k = 0; k < v.Length; k += 2)
            {
                a += v[k];
                b += v[k + 1];
                pts.Add((a / 1e5, b / 1e5));
            }

            return pts;
        }).ToList()).ToList();

    [Fact]
    public void Write_SmallPlan_OneMapPlaceAndOneTableRowPerPlace()
    {
        var plan = SmallPlan();
        Assert.Equal(2, plan.Places.Count);
        string html = Html(plan);
        using var data = MapData(html);
        Assert.Equal(plan.Places.Select(p => p.Id), data.RootElement.GetProperty("places").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        foreach (var p in plan.Places) Assert.Equal(1, Count(html, $"<tr data-goto=\"{p.Id}\">"));
        Assert.Contains("data-expected-hulls=\"2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SamplePlan_EveryPlaceHasATerritoryALabelPointAColourAndARow()
    {
        var plan = SamplePlan();
        Assert.True(plan.Places.Count >= 5, $"only {plan.Places.Count} places");
        string html = Html(plan);
        using var data = MapData(html);
        var places = data.RootElement.GetProperty("places").EnumerateArray().ToList();
        var colours = PlacePalette.For(plan.Places);
        Assert.Equal(plan.Places.Count, places.Count);
        for (int p = 0; p < places.Count; p++)
        {
            var place = plan.Places[p];
            Assert.Equal(place.Id, places[p].GetProperty("id").GetString());
            Assert.Equal(place.Rank, places[p].GetProperty("rank").GetInt32());
            Assert.Equal(colours[p], places[p].GetProperty("colour").GetString());
            var (lon, lat) = plan.Homes.Projection.ToWgs84(place.Score.CentreX, place.Score.CentreY);
            Assert.Equal(lat, places[p].GetProperty("centre")[0].GetDouble(), 1e-6);
            Assert.Equal(lon, places[p].GetProperty("centre")[1].GetDouble(), 1e-6);
            var outline = Outline(places[p].GetProperty("o"));
            Assert.True(outline.Count >= 1, $"{place.Id} has no territory");
            Assert.All(outline, polygon => Assert.True(polygon[0].Count >= 3));
            // The simplifier keeps a subset of the territory's vertices: every vertex drawn is within its box (1e-5 degree units).
            var tc = plan.Territories.Places[p].Territory.Coordinates;
            var tx = tc.Select(c => c.X).ToArray();
            var ty = tc.Select(c => c.Y).ToArray();
            plan.Homes.Projection.ToWgs84(tx, ty);
            Assert.All(outline.SelectMany(x => x).SelectMany(x => x), pt => Assert.True(
                pt.Lat >= ty.Min() - 1e-5 && pt.Lat <= ty.Max() + 1e-5 && pt.Lng >= tx.Min() - 1e-5 && pt.Lng <= tx.Max() + 1e-5, $"{place.Id}: {pt} outside its territory's box"));
            Assert.Contains($"<tr data-goto=\"{place.Id}\"><td>{place.Rank}</td>", html, StringComparison.Ordinal);
        }

        var authorities = data.RootElement.GetProperty("authorities").EnumerateArray().ToList();
        Assert.Equal(plan.Territories.Authorities.Select(a => a.Authority), authorities.Select(a => a.GetProperty("code").GetString()));
        Assert.All(authorities, a => Assert.Equal(2, a.GetProperty("label").GetArrayLength()));
    }

    [Fact]
    public void Write_ShowsHeadlineFiguresAndFooter()
    {
        var plan = SamplePlan();
        string html = Html(plan);
        Assert.Contains($"<h1>{plan.Coverage.Headline}</h1>", html, StringComparison.Ordinal);
        Assert.Matches(@"places of about [\d,]+ homes covering \d+% of 6,000 homes", plan.Coverage.Headline);
        Assert.Contains($"<div class=\"value\">{plan.Places.Count}</div>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Seed</dt><dd>42</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Clustering.TargetSize</dt><dd>150</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Trimming.MaxSpreadMeters</dt><dd>1500</dd>", html, StringComparison.Ordinal);
        Assert.Matches(@"Made by PlaceKit \d+\.\d+\.\d+", html);
        foreach (var a in plan.Coverage.ByAuthority) Assert.Contains($">{a.Authority}</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ListsEveryTrimmedClusterWithItsReasons()
    {
        var plan = SmallPlan();
        var trimmed = Assert.Single(plan.Trimmed);
        string html = Html(plan);
        Assert.Contains($"<tr><td>{trimmed.Cluster.ClusterId}</td><td>E3</td><td>3</td>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"rule\">too-few-homes</span> 3 &lt; 10; <span class=\"rule\">too-spread</span> r90 3.0 km &gt; 2.5 km", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EncodesTextFromTheInput()
    {
        string html = Html(SmallPlan());
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;co", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, "<script>"));   // only the page's own two scripts
    }

    [Fact]
    public void Write_IsSelfContained_NoNetworkReference()
    {
        string html = Html(SamplePlan());
        // Leaflet (inlined whole, with its licence) holds namespace URIs and its home page in comments; nothing else may name a URL.
        var leaflet = Regex.Matches(html, @"/\* ---- Leaflet 1\.9\.4.*?/\* ---- end of Leaflet ---- \*/", RegexOptions.Singleline);
        Assert.Equal(2, leaflet.Count);   // the style sheet and the script
        Assert.Contains("BSD 2-Clause License", leaflet[1].Value, StringComparison.Ordinal);
        Assert.Contains("Copyright (c) 2010-2023, Volodymyr Agafonkin", leaflet[1].Value, StringComparison.Ordinal);
        Assert.Contains("Leaflet 1.9.4, a JS library for interactive maps", leaflet[1].Value, StringComparison.Ordinal);
        string rest = Regex.Replace(html, @"/\* ---- Leaflet 1\.9\.4.*?/\* ---- end of Leaflet ---- \*/", "", RegexOptions.Singleline);
        Assert.DoesNotContain("http://", rest, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", rest, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<(link|img|iframe|object|embed)\b", html);
        Assert.DoesNotMatch(@"\bsrc\s*=", rest);
        Assert.DoesNotContain("url(http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tileLayer(", rest, StringComparison.Ordinal);   // no basemap
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.Contains("window.PlaceKitMap", rest, StringComparison.Ordinal); // the shared map code, inlined
    }

    [Fact]
    public void Write_SvgPartsAreWellFormedXml_AndHtmlTagsBalance()
    {
        var plan = SmallPlan();
        string html = Html(plan);
        string page = Regex.Replace(html, "<(script|style)\\b[^>]*>.*?</\\1>", "", RegexOptions.Singleline);
        var svgs = Regex.Matches(page, "<svg\\b.*?</svg>", RegexOptions.Singleline);
        Assert.Equal(4, svgs.Count);   // three charts and the teams → coverage curve (the map is Leaflet's, drawn by the page)
        foreach (Match m in svgs)
        {
            var svg = XElement.Parse(m.Value);
            Assert.Equal("svg", svg.Name.LocalName);
        }

        // Balanced non-void tags outside script and style.
        string body = Regex.Replace(html, "<(script|style)\\b[^>]*>.*?</\\1>", "", RegexOptions.Singleline);
        var stack = new Stack<string>();
        var voids = new HashSet<string> { "meta", "br", "hr", "img", "input", "link", "!doctype" };
        foreach (Match t in Regex.Matches(body, @"<(/?)([!a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>"))
        {
            string name = t.Groups[2].Value.ToLowerInvariant();
            if (voids.Contains(name) || t.Groups[3].Value == "/") continue;
            if (t.Groups[1].Value == "/") Assert.Equal(name, stack.Pop());
            else stack.Push(name);
        }

        Assert.Empty(stack);
    }

    [Fact]
    public void Write_SamePlan_SameBytes()
    {
        var plan = SmallPlan();
        Assert.Equal(Html(plan), Html(plan));
    }

    [Fact]
    public void Write_MapHomes_EveryHomeInASquareOfItsPlaceWhereItIs()
    {
        var plan = SamplePlan();
        string html = Html(plan);
        using var data = MapData(html);
        Assert.Equal(plan.Homes.Count, data.RootElement.GetProperty("homesTotal").GetInt32());
        Assert.Equal(1, data.RootElement.GetProperty("placedCell").GetDouble());
        Assert.Equal(1, data.RootElement.GetProperty("unplacedCell").GetDouble());
        Assert.DoesNotContain("id=\"map-thinned\"", html, StringComparison.Ordinal);
        var (group, lat, lng, count) = MapSquares(html, data);
        Assert.Equal(plan.Homes.Count, count.Sum());
        for (int p = 0; p < plan.Places.Count; p++) Assert.Equal(plan.Places[p].Homes, Enumerable.Range(0, group.Length).Where(k => group[k] == p).Sum(k => count[k]));
        Assert.Equal(plan.Unplaced.Count, Enumerable.Range(0, group.Length).Where(k => group[k] == plan.Places.Count).Sum(k => count[k]));

        // Every home is within a metre and a half of a square of its own group (1 m grid, centroid of the cell's homes).
        var xs = plan.Homes.X.ToArray();
        var ys = plan.Homes.Y.ToArray();
        plan.Homes.Projection.ToWgs84(xs, ys);
        var home = Enumerable.Repeat(plan.Places.Count, plan.Homes.Count).ToArray();
        for (int p = 0; p < plan.Places.Count; p++) foreach (int i in plan.HomesOf(p)) home[i] = p;
        var byGroup = Enumerable.Range(0, group.Length).ToLookup(k => group[k]);
        for (int i = 0; i < xs.Length; i += 37)
        {
            double best = byGroup[home[i]].Min(k => Math.Pow((lat[k] - ys[i]) * 111_320, 2) + Math.Pow((lng[k] - xs[i]) * 111_320 * Math.Cos(ys[i] * Math.PI / 180), 2));
            Assert.True(best < 1.5 * 1.5, $"home {i} is {Math.Sqrt(best):0.00} m from the nearest square of its group");
        }
    }

    [Fact]
    public void Write_PlanAboveTheLimits_ThinsUnplacedFirstThenPlaced_KeepsEveryPlace_AndSaysSo()
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 150 }, Trimming = { MaxSpreadMeters = 1500 } })
            .Define(HomeSet.Create(SampleStock.Generate(20_000, 6, 5)));
        int complete = plan.Homes.Count;

        // Just the unplaced homes thinned: the limit leaves room for every placed home on the 1 m grid.
        var all = LayWith(plan, new ReportMapLimits(int.MaxValue, int.MaxValue));
        Assert.False(all.PlacedThinned || all.UnplacedThinned || all.OutlinesThinned);
        int room = all.SquaresPerGroup.Take(plan.Places.Count).Sum() + (all.SquaresPerGroup[^1] / 3);
        var unplacedOnly = LayWith(plan, new ReportMapLimits(room, 1_000_000));
        Assert.False(unplacedOnly.PlacedThinned);
        Assert.True(unplacedOnly.UnplacedThinned);
        Assert.True(unplacedOnly.SquareCount <= room);
        Assert.False(unplacedOnly.OutlinesThinned);

        // Both thinned, outlines simplified: every count still adds up, every place has squares and an outline.
        var limits = new ReportMapLimits(800, 3_000);
        string html = HtmlWith(plan, limits);
        using var data = MapData(html);
        var (group, _, _, count) = MapSquares(html, data);
        Assert.True(group.Length <= 800, $"{group.Length} squares");
        Assert.True(data.RootElement.GetProperty("placedCell").GetDouble() > 1);
        Assert.True(data.RootElement.GetProperty("tolerance").GetDouble() > MapJson.SimplifyMeters);
        Assert.Equal(complete, count.Sum());
        var places = data.RootElement.GetProperty("places").EnumerateArray().ToList();
        Assert.Equal(plan.Places.Count, places.Count);
        for (int p = 0; p < plan.Places.Count; p++)
        {
            Assert.Equal(plan.Places[p].Id, places[p].GetProperty("id").GetString());
            Assert.Equal(plan.Places[p].Homes, Enumerable.Range(0, group.Length).Where(k => group[k] == p).Sum(k => count[k]));
            Assert.Contains(Outline(places[p].GetProperty("o")), polygon => polygon[0].Count >= 3);
        }

        Assert.Contains("id=\"map-thinned\"", html, StringComparison.Ordinal);
        Assert.Contains("unplaced homes are counted on a", html, StringComparison.Ordinal);
        Assert.Contains("topology-preserving", html, StringComparison.Ordinal);
        Assert.Equal(html, HtmlWith(plan, limits));
    }

    /// <summary>
    /// At scale (a generated stock of 300,000 homes in 120 authorities, limits scaled down in proportion to the real
    /// ones at 5M homes): every place appears with its squares, outline and row, the squares hold every home, and the
    /// page stays within the limits.
    /// </summary>
    [Fact]
    [Trait("Category", "Scale")]
    public void Write_AtScale_EveryPlaceAppears_CountsAddUp_WithinTheLimits()
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 450 } })
            .Define(HomeSet.Create(SampleStock.Generate(300_000, 120, 42)));
        var limits = new ReportMapLimits(40_000, 25_000);
        string html = HtmlWith(plan, limits);
        using var data = MapData(html);
        var (group, _, _, count) = MapSquares(html, data);
        Assert.True(group.Length <= limits.MaxSquares);
        Assert.Equal(plan.Homes.Count, count.Sum());
        var perPlace = new int[plan.Places.Count + 1];
        for (int k = 0; k < group.Length; k++) perPlace[group[k]] += count[k];
        for (int p = 0; p < plan.Places.Count; p++) Assert.Equal(plan.Places[p].Homes, perPlace[p]);
        Assert.Equal(plan.Unplaced.Count, perPlace[^1]);
        var places = data.RootElement.GetProperty("places").EnumerateArray().ToList();
        Assert.Equal(plan.Places.Select(p => p.Id), places.Select(p => p.GetProperty("id").GetString()));
        Assert.All(places, p => Assert.Contains(Outline(p.GetProperty("o")), polygon => polygon[0].Count >= 3));
        foreach (var place in plan.Places) Assert.Contains($"<tr data-goto=\"{place.Id}\">", html, StringComparison.Ordinal);
    }

    private static ReportMapData.Layout LayWith(PlacePlan plan, ReportMapLimits limits) => ReportMapData.Lay(plan, limits);

    private static string HtmlWith(PlacePlan plan, ReportMapLimits limits)
    {
        var w = new StringWriter();
        PlanReport.Write(plan, w, limits);
        return w.ToString();
    }

    [Fact]
    public void Write_HostileIdsInTheMapData_CannotLeaveTheirScript()
    {
        const string code = "</script><script>alert(1)</script>=HYPERLINK(\"x\")&<!--";
        var homes = new List<Home>();
        for (int i = 0; i < 30; i++) homes.Add(new Home($"h{i}", 400000 + (i % 6 * 20), 300000 + (i / 6 * 20), code));
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 30 }, Trimming = { MinHomes = 10 } }).Define(HomeSet.Create(homes));
        string html = Html(plan);
        Assert.Equal(2, Count(html, "<script>"));
        Assert.Equal(4, Count(html, "</script>"));    // error trap, map data, homes, map script: nothing else closes a script
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        using var data = MapData(html);
        Assert.Equal(code, data.RootElement.GetProperty("authorities")[0].GetProperty("code").GetString());
        Assert.Equal(code, data.RootElement.GetProperty("places")[0].GetProperty("authority").GetString());
    }

    [Property(MaxTest = 40)]
    public bool Write_AnyAuthorityCode_RoundTripsThroughTheMapDataAndStaysInItsScript(NonEmptyString raw)
    {
        string code = new string(raw.Get.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c) && !char.IsSurrogate(c) && c != ',').ToArray());
        if (code.Length == 0) code = "<";
        var homes = Enumerable.Range(0, 12).Select(i => new Home($"h{i}", 400000 + (i * 10), 300000, code)).ToList();
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 12 }, Trimming = { MinHomes = 5 } }).Define(HomeSet.Create(homes));
        string html = Html(plan);
        using var data = MapData(html);
        return Count(html, "<script>") == 2 && Count(html, "</script>") == 4
            && data.RootElement.GetProperty("authorities")[0].GetProperty("code").GetString() == code;
    }

    /// <summary>Shaped stocks (clumped, spread, duplicated coordinates) under random limits: counts add up per group, every place keeps a square, the squares fit the limit.</summary>
    [Property(MaxTest = 25)]
    public Property Squares_AnyStockAndLimit_CountsAddUp_EveryPlaceKeepsASquare() =>
        Prop.ForAll(
            Gen.Choose(1, 9).SelectMany(seed => Gen.Choose(300, 3000).SelectMany(n => Gen.Choose(1, 6).SelectMany(a => Gen.Choose(1, 4000).Select(max => (seed, n, a, max))))).ToArbitrary(),
            t =>
            {
                var stock = SampleStock.Generate(t.n, t.a, t.seed);
                var homes = HomeSet.Create(stock.Select((h, i) => i % 7 == 0 ? h with { X = Math.Round(h.X / 50) * 50, Y = Math.Round(h.Y / 50) * 50 } : h));
                var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 60 }, Trimming = { MinHomes = 20 } }).Define(homes);
                var layout = ReportMapData.Lay(plan, new ReportMapLimits(t.max, 500));
                var (group, _, _, count) = ReportMapData.DecodeSquares(layout.Squares, layout.SquaresPerGroup);
                var perGroup = new int[plan.Places.Count + 1];
                for (int k = 0; k < group.Length; k++) perGroup[group[k]] += count[k];
                bool fits = group.Length <= Math.Max(t.max, plan.Places.Count + 1) || layout.PlacedCellMeters == ReportMapData.CellLadderMeters[^1];
                bool thinnedOnlyIfNeeded = (layout.PlacedThinned || layout.UnplacedThinned) == (plan.Homes.Count > t.max && DistinctAtFinest(plan) > t.max);
                return (fits && thinnedOnlyIfNeeded
                        && Enumerable.Range(0, plan.Places.Count).All(p => perGroup[p] == plan.Places[p].Homes && layout.SquaresPerGroup[p] >= 1)
                        && perGroup[^1] == plan.Unplaced.Count
                        && layout.PlaceOutlines.Length == plan.Places.Count)
                    .Label($"n={t.n} a={t.a} max={t.max}: squares {group.Length}, places {plan.Places.Count}, cells {layout.PlacedCellMeters}/{layout.UnplacedCellMeters}");
            });

    /// <summary>Squares on the 1 m grid: homes of one group in one metre cell.</summary>
    private static int DistinctAtFinest(PlacePlan plan)
    {
        var group = Enumerable.Repeat(plan.Places.Count, plan.Homes.Count).ToArray();
        for (int p = 0; p < plan.Places.Count; p++) foreach (int i in plan.HomesOf(p)) group[i] = p;
        double minX = plan.Homes.X.ToArray().Min(), minY = plan.Homes.Y.ToArray().Min();
        return Enumerable.Range(0, plan.Homes.Count).Select(i => (group[i], Math.Floor(plan.Homes.X[i] - minX), Math.Floor(plan.Homes.Y[i] - minY))).Distinct().Count();
    }

    [Fact]
    public void Write_NoPlaces_SaysSoAndStillDrawsEveryHomeGrey()
    {
        var homes = SampleStock.Generate(300, 2, 3);
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 100 }, Trimming = { MinHomes = 10_000 } }).Define(HomeSet.Create(homes));
        Assert.Empty(plan.Places);
        string html = Html(plan);
        Assert.Contains("there are no places", html, StringComparison.Ordinal);
        Assert.Contains("data-expected-hulls=\"0\"", html, StringComparison.Ordinal);
        using var data = MapData(html);
        Assert.Equal(0, data.RootElement.GetProperty("places").GetArrayLength());
        var (group, _, _, count) = MapSquares(html, data);
        Assert.Equal(homes.Count, count.Sum());
        Assert.All(group, g => Assert.Equal(0, g));
    }

    [Fact]
    public void Write_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => PlanReport.Write(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => PlanReport.Write(SmallPlan(), (Stream)null!));
    }

    [Fact]
    public void ToHtml_SamplePlan_HeadlineMapWithOneHullAPlaceAndTheTopFive()
    {
        var plan = SamplePlan();
        Assert.True(plan.Places.Count > 5, $"only {plan.Places.Count} places");
        string html = PlanReport.ToHtml(plan, maxPlaces: 5);
        Assert.StartsWith("<div class=\"placekit-plan\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h3>{plan.Coverage.Headline}</h3>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
        var map = XElement.Parse(Regex.Match(html, "<svg id=\"map\".*?</svg>", RegexOptions.Singleline).Value);
        var hulls = map.Descendants("polygon").Where(p => p.Attribute("data-place") is not null).Select(h => h.Attribute("data-place")!.Value);
        Assert.Equal(plan.Places.Select(p => p.Id), hulls);
        var rows = Regex.Matches(html, "<tr><td>(\\d+)</td>").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 5), rows);
        Assert.Contains($"… and {plan.Places.Count - 5} more places, down to rank {plan.Places.Count}", html, StringComparison.Ordinal);
        Assert.Contains("counts under both", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_MaxPlaces_ListsThatManyOrNone()
    {
        var plan = SamplePlan();
        Assert.Equal(plan.Places.Count, Regex.Matches(PlanReport.ToHtml(plan, maxPlaces: 1000), "<tr><td>").Count);
        Assert.DoesNotContain("<table", PlanReport.ToHtml(plan, maxPlaces: 0), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanReport.ToHtml(plan, -1));
        Assert.Throws<ArgumentNullException>(() => PlanReport.ToHtml(null!));
    }

    [Fact]
    public void ToHtml_StylesAreScopedAndInputTextEncoded()
    {
        string html = PlanReport.ToHtml(SmallPlan());
        string css = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        foreach (var rule in Regex.Matches(css, @"^\s*([^{}]+)\{", RegexOptions.Multiline).Select(m => m.Groups[1].Value))
        {
            Assert.All(rule.Split(','), sel => Assert.StartsWith(".placekit-plan", sel.Trim(), StringComparison.Ordinal));
        }

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;co", html, StringComparison.Ordinal);
        Assert.Equal(PlanReport.ToHtml(SmallPlan()), html);
    }

    [Fact]
    public void PaletteFor_NeighbouringPlacesOfTheSample_Differ()
    {
        var plan = SamplePlan();
        var colours = PlacePalette.For(plan.Places);
        var neighbours = PlacePalette.Neighbours(plan.Places.Select(p => p.Score.Hull).ToList(), PlacePalette.NeighbourDistanceMeters);
        Assert.Contains(neighbours, n => n.Length > 0);
        for (int i = 0; i < neighbours.Length; i++)
        {
            foreach (int j in neighbours[i]) Assert.NotEqual(colours[i], colours[j]);
        }
    }

    [Property(MaxTest = 200)]
    public bool Colour_GraphWithFewerNeighboursThanColours_NoNeighboursShareAColour(PositiveInt nodes, int seed)
    {
        int n = Math.Min(nodes.Get, 60);
        var rng = new Random(seed);
        var sets = Enumerable.Range(0, n).Select(_ => new SortedSet<int>()).ToArray();
        for (int e = 0; e < n * 3; e++)
        {
            int a = rng.Next(n), b = rng.Next(n);
            if (a == b || sets[a].Count >= 5 || sets[b].Count >= 5) continue;
            sets[a].Add(b);
            sets[b].Add(a);
        }

        var graph = sets.Select(s => s.ToArray()).ToArray();
        var colour = PlacePalette.Colour(graph, 6);
        return colour.All(c => c is >= 0 and < 6) && Enumerable.Range(0, n).All(i => graph[i].All(j => colour[i] != colour[j]));
    }
}
