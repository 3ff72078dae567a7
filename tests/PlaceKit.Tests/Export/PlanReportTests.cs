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

    /// <summary>The map's homes as the page's script decodes them: float32 lat[n], lng[n], int32 place[n].</summary>
    private static (float[] Lat, float[] Lng, int[] Place) MapHomes(string html, int n)
    {
        var bytes = Convert.FromBase64String(Regex.Match(html, "<script id=\"plan-homes\" type=\"application/octet-stream\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value.Trim());
        Assert.Equal(12 * n, bytes.Length);
        var span = bytes.AsSpan();
        return (MemoryMarshal.Cast<byte, float>(span[..(4 * n)]).ToArray(), MemoryMarshal.Cast<byte, float>(span[(4 * n)..(8 * n)]).ToArray(), MemoryMarshal.Cast<byte, int>(span[(8 * n)..]).ToArray());
    }

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
            var outline = places[p].GetProperty("outline");
            Assert.True(outline.GetArrayLength() >= 1, $"{place.Id} has no territory");
            Assert.All(outline.EnumerateArray(), polygon => Assert.True(polygon[0].GetArrayLength() >= 3));
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
    public void Write_MapHomes_EveryHomeOnceInWgs84WithItsPlace()
    {
        var plan = SamplePlan();
        string html = Html(plan);
        using var data = MapData(html);
        Assert.Equal(plan.Homes.Count, data.RootElement.GetProperty("homesTotal").GetInt32());
        Assert.Equal(1, data.RootElement.GetProperty("step").GetInt32());
        var (lat, lng, place) = MapHomes(html, data.RootElement.GetProperty("homesDrawn").GetInt32());
        Assert.Equal(plan.Homes.Count, lat.Length);
        var expected = Enumerable.Repeat(-1, plan.Homes.Count).ToArray();
        for (int p = 0; p < plan.Places.Count; p++) foreach (int i in plan.HomesOf(p)) expected[i] = p;
        Assert.Equal(expected, place);
        Assert.Equal(plan.Unplaced.Count, place.Count(p => p < 0));
        var xs = plan.Homes.X.ToArray();
        var ys = plan.Homes.Y.ToArray();
        plan.Homes.Projection.ToWgs84(xs, ys);
        for (int i = 0; i < lat.Length; i += 97)
        {
            Assert.Equal(ys[i], lat[i], 4);
            Assert.Equal(xs[i], lng[i], 4);
        }
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

    [Property(MaxTest = 300)]
    public bool MapStep_DrawsAtMostTheLimit_AndSamplesOnlyWhenItMust(PositiveInt homes)
    {
        int n = homes.Get;
        int step = ReportMapData.Step(n);
        int drawn = ((n - 1) / step) + 1;
        bool minimal = step == 1 || ((n - 1) / (step - 1)) + 1 > ReportMapData.MaxHomesDrawn;
        return step >= 1 && drawn <= ReportMapData.MaxHomesDrawn && minimal && (n > ReportMapData.MaxHomesDrawn || step == 1);
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
        var (lat, _, place) = MapHomes(html, data.RootElement.GetProperty("homesDrawn").GetInt32());
        Assert.Equal(homes.Count, lat.Length);
        Assert.All(place, p => Assert.Equal(-1, p));
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
