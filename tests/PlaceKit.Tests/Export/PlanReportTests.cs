using System.Text;
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

    [Fact]
    public void Write_SmallPlan_OneHullAndOneTableRowPerPlace()
    {
        var plan = SmallPlan();
        Assert.Equal(2, plan.Places.Count);
        string html = Html(plan);
        Assert.Equal(plan.Places.Count, Count(html, "data-place=\""));
        foreach (var p in plan.Places)
        {
            Assert.Equal(1, Count(html, $"data-place=\"{p.Id}\""));
            Assert.Equal(1, Count(html, $"<tr data-goto=\"{p.Id}\">"));
        }

        Assert.Contains("data-expected-hulls=\"2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SamplePlan_EveryPlaceHasAHullALabelAndARow()
    {
        var plan = SamplePlan();
        Assert.True(plan.Places.Count >= 5, $"only {plan.Places.Count} places");
        string html = Html(plan);
        Assert.Equal(plan.Places.Count, Count(html, "data-place=\""));
        var labels = Regex.Match(html, "<g id=\"labels\"[^>]*>(.*?)</g>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(plan.Places.Count, Count(labels, "<text "));
        foreach (var p in plan.Places)
        {
            Assert.Contains($"<tr data-goto=\"{p.Id}\"><td>{p.Rank}</td>", html, StringComparison.Ordinal);
            Assert.Contains($">{p.Rank}</text>", labels, StringComparison.Ordinal);
        }
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
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<(link|img|iframe|object|embed)\b", html);
        Assert.DoesNotMatch(@"\bsrc\s*=", html);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SvgPartsAreWellFormedXml_AndHtmlTagsBalance()
    {
        var plan = SmallPlan();
        string html = Html(plan);
        var svgs = Regex.Matches(html, "<svg\\b.*?</svg>", RegexOptions.Singleline);
        Assert.Equal(5, svgs.Count);   // the map, three charts and the teams → coverage curve
        foreach (Match m in svgs)
        {
            var svg = XElement.Parse(m.Value);
            Assert.Equal("svg", svg.Name.LocalName);
        }

        var map = XElement.Parse(svgs[0].Value);
        var hulls = map.Descendants("polygon").Where(p => p.Attribute("data-place") is not null).ToList();
        Assert.Equal(plan.Places.Select(p => p.Id), hulls.Select(h => h.Attribute("data-place")!.Value));
        Assert.All(hulls, h => Assert.True(h.Attribute("points")!.Value.Split(' ').Length >= 3));

        // Balanced non-void tags outside script and style.
        string body = Regex.Replace(html, "<(script|style)>.*?</\\1>", "", RegexOptions.Singleline);
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
    public void Write_DrawsEveryHomeOnceEachDistinctMetre()
    {
        var plan = SmallPlan();
        string html = Html(plan);
        var map = XElement.Parse(Regex.Match(html, "<svg id=\"map\".*?</svg>", RegexOptions.Singleline).Value);
        var dots = map.Elements("path").Select(p => p.Attribute("d")!.Value).ToList();
        Assert.Equal(plan.Places.Count + 1, dots.Count);   // unplaced, then one per place
        Assert.Equal(3, Count(dots[0], "h0"));             // three unplaced homes far apart
        Assert.Equal(30, Count(dots[1], "h0") + Count(dots[2], "h0") - 1);   // 30 homes on a grid + a block of flats on one point
    }

    [Fact]
    public void Write_NoPlaces_SaysSoAndStillDrawsEveryHomeGrey()
    {
        var homes = SampleStock.Generate(300, 2, 3);
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 100 }, Trimming = { MinHomes = 10_000 } }).Define(HomeSet.Create(homes));
        Assert.Empty(plan.Places);
        string html = Html(plan);
        Assert.Equal(0, Count(html, "data-place=\""));
        Assert.Contains("there are no places", html, StringComparison.Ordinal);
        Assert.Contains("data-expected-hulls=\"0\"", html, StringComparison.Ordinal);
        var map = XElement.Parse(Regex.Match(html, "<svg id=\"map\".*?</svg>", RegexOptions.Singleline).Value);
        var unplaced = Assert.Single(map.Elements("path"));
        int distinct = homes.Select(h => (Math.Round(h.X), Math.Round(h.Y))).Distinct().Count();
        Assert.InRange(Count(unplaced.Attribute("d")!.Value, "h0"), distinct - 5, distinct);   // one dot a distinct metre (rounding can merge a few)
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
