using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;
using NetTopologySuite.Triangulate.QuadEdge;
using PlaceKit.Territories;

namespace PlaceKit.Tests.Territories;

/// <summary>The triangulation walking from nearby edges against NetTopologySuite's own (walking from the previous site).</summary>
public class GridQuadEdgeLocatorTests
{
    private static QuadEdgeSubdivision Reference(Coordinate[] sites, Envelope frame)
    {
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = frame };
        builder.SetSites(sites);
        return builder.GetSubdivision();
    }

    /// <summary>The Delaunay edges between sites (frame vertices left out), as sorted coordinate pairs.</summary>
    private static SortedSet<(double, double, double, double)> Edges(QuadEdgeSubdivision subdivision, HashSet<Coordinate> sites)
    {
        var edges = new SortedSet<(double, double, double, double)>();
        foreach (var e in subdivision.GetEdges())
        {
            if (!e.IsLive) continue;
            var a = e.Orig.Coordinate;
            var b = e.Dest.Coordinate;
            if (!sites.Contains(a) || !sites.Contains(b)) continue;
            if (a.CompareTo(b) > 0) (a, b) = (b, a);
            edges.Add((a.X, a.Y, b.X, b.Y));
        }

        return edges;
    }

    /// <summary>Clumped random sites (general position), a few to a few thousand: the same Delaunay triangulation.</summary>
    [Property(MaxTest = 60)]
    public Property Triangulate_RandomSites_SameTriangulationAsNetTopologySuite(PositiveInt seed, byte sizeKnob, bool clumped)
    {
        var rng = new Random(seed.Get);
        int n = 3 + (sizeKnob * sizeKnob / 20); // up to 3,254: past every small-array boundary
        var sites = new HashSet<Coordinate>();
        while (sites.Count < n)
        {
            double cx = clumped ? 400_000 + (rng.Next(5) * 3_000) : 400_000, cy = clumped ? 300_000 + (rng.Next(3) * 4_000) : 300_000;
            double spread = clumped ? 800 : 12_000;
            sites.Add(new Coordinate(cx + (rng.NextDouble() * spread), cy + (rng.NextDouble() * spread)));
        }

        var array = sites.Order().ToArray();
        var frame = new Envelope(array[0]);
        foreach (var c in array) frame.ExpandToInclude(c);
        frame.ExpandBy(250);
        var expected = Edges(Reference(array, frame), sites);
        var actual = Edges(GridQuadEdgeLocator.Triangulate(array, frame), sites);
        return expected.SetEquals(actual).Label($"{n} sites: {expected.Count} edges in NetTopologySuite's, {actual.Count} in the grid's, {expected.Except(actual).Count()} missing");
    }

    /// <summary>Each site's vertex knows its index in the array given, in whatever order the sites come, repeats included.</summary>
    [Property(MaxTest = 60)]
    public Property Triangulate_AnyOrder_EveryVertexKnowsItsSite(PositiveInt seed, byte sizeKnob, bool gridded)
    {
        var rng = new Random(seed.Get);
        int n = 3 + (sizeKnob * sizeKnob / 20);
        var sites = new Coordinate[n];
        for (int k = 0; k < n; k++)
        {
            sites[k] = gridded ? new Coordinate(400_000 + rng.Next(40), 300_000 + rng.Next(40))
                : new Coordinate(400_000 + (rng.NextDouble() * 5_000), 300_000 + (rng.NextDouble() * 5_000));
        }

        var frame = new Envelope(399_000, 406_000, 299_000, 306_000);
        var subdivision = GridQuadEdgeLocator.Triangulate(sites, frame);
        var seen = new Dictionary<Coordinate, int>();
        var wrong = new List<string>();
        foreach (var e in subdivision.GetEdges())
        {
            foreach (var v in (NetTopologySuite.Triangulate.QuadEdge.Vertex[])[e.Orig, e.Dest])
            {
                if (v is not GridQuadEdgeLocator.SiteVertex site) continue;
                if (!sites[site.Site].Equals2D(v.Coordinate)) wrong.Add($"vertex {v.Coordinate} says site {site.Site}, which is {sites[site.Site]}");
                if (seen.TryGetValue(v.Coordinate, out int before) && before != site.Site) wrong.Add($"{v.Coordinate} is sites {before} and {site.Site}");
                seen[v.Coordinate] = site.Site;
            }
        }

        int distinct = sites.Distinct().Count();
        return (wrong.Count == 0 && seen.Count == distinct).Label($"{n} sites, {distinct} distinct, {seen.Count} vertices; {string.Join("; ", wrong.Take(3))}");
    }

    /// <summary>Sites on a 1 m grid (many co-circular: the diagonal of a square may go either way): the same Voronoi cell areas.</summary>
    [Theory]
    [InlineData(2_000, 1)]
    [InlineData(6_000, 2)]
    public void Triangulate_SitesOnAGrid_SameVoronoiCellsAsNetTopologySuite(int n, int seed)
    {
        var rng = new Random(seed);
        var sites = new HashSet<Coordinate>();
        while (sites.Count < n) sites.Add(new Coordinate(400_000 + rng.Next(120), 300_000 + rng.Next(90)));
        var array = sites.Order().ToArray();
        var frame = new Envelope(399_000, 401_000, 299_000, 301_000);
        var factory = new GeometryFactory();
        var expected = Reference(array, frame).GetVoronoiCellPolygons(factory).ToDictionary(c => (Coordinate)c.UserData, c => c.Area);
        var actual = GridQuadEdgeLocator.Triangulate(array, frame).GetVoronoiCellPolygons(factory).ToDictionary(c => (Coordinate)c.UserData, c => c.Area);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var site in array) Assert.True(Math.Abs(expected[site] - actual[site]) <= 1e-6, $"cell of {site}: {expected[site]} against {actual[site]}");
    }
}
