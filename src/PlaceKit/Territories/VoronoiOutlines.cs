using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Triangulate.QuadEdge;
using PlaceKit.Homes;

namespace PlaceKit.Territories;

/// <summary>
/// The outline of the union of some Voronoi cells of one triangulation, traced from the triangulation itself: the
/// Voronoi edges dual to the Delaunay edges between a site of the place and a site of anything else, chained into rings.
/// </summary>
/// <remarks>
/// <para>The union of a place's cells is bounded exactly by the Voronoi edges that separate one of its sites from a site
/// of another label, so tracing those edges gives the same region as building every cell polygon and dissolving them
/// (<c>GetVoronoiCellPolygons</c> and a coverage union), without the cells: only the circumcentres of the triangles along
/// a boundary are computed, and no polygon is made for a cell inside a place. On a 1M-home stock that is most of the
/// territory stage's Voronoi work.</para>
/// <para>Walk: a directed Delaunay edge a→b with a in the place and b not is crossed by its Voronoi edge from the
/// circumcentre of the triangle to its right to the one on its left, with a on the left. In the left triangle (a, b, c),
/// the next such edge is c→b when c is in the place, else a→c. Each directed boundary edge is walked once; the walks
/// are closed rings (shells anticlockwise, holes clockwise), assembled into polygons by NetTopologySuite's
/// <see cref="Polygonizer"/>.</para>
/// <para>Circumcentres are computed as NetTopologySuite's Voronoi builder does (<c>Triangle.CircumcentreDD</c>) from the
/// triangle's vertices starting at the least (x, y) one, so a circumcentre does not depend on which edge reached it
/// (nor on the order places are traced in), and kept as the data of the triangle's dual edges (<c>Rot.Data</c>).</para>
/// <para>Co-circular sites can give Voronoi vertices 1e-10 m apart whose ring pinches or crosses itself; such an outline
/// is not valid and <see cref="Trace"/> returns null for it; the caller then dissolves the authority's cells instead.</para>
/// </remarks>
internal sealed class VoronoiOutlines
{
    /// <summary>The label of a site that is not in the index (the triangulation's frame, the far ghost sites).</summary>
    internal const int Outside = int.MinValue;

    /// <summary>The label to trace for the union of every place's cells (every site with a label of 0 or more), when asked for.</summary>
    internal const int AnyPlace = int.MaxValue;

    private readonly Dictionary<Coordinate, int>? _siteIndex;
    private readonly int[] _labelOfSite;
    private readonly GeometryFactory _factory;
    private readonly Dictionary<int, List<QuadEdge>> _boundary = [];

    /// <summary>Labels every Delaunay edge's ends and computes the circumcentres along every boundary.</summary>
    /// <param name="subdivision">The Delaunay triangulation of the sites (with its frame).</param>
    /// <param name="siteIndex">The index of each site by its location, vertices not in it being <see cref="Outside"/>; or null
    /// when the sites' vertices are <see cref="GridQuadEdgeLocator.SiteVertex"/> (from <see cref="GridQuadEdgeLocator.Triangulate"/>),
    /// which carry their index: then an index past <paramref name="labelOfSite"/>, or another vertex, is <see cref="Outside"/>.</param>
    /// <param name="labelOfSite">Each site's label: a place (0 or more), or a negative number for no place (every negative label is "not this place").</param>
    /// <param name="factory">The factory of the outlines.</param>
    /// <param name="anyPlace">Whether to trace <see cref="AnyPlace"/> too: the outline of all the places' cells together.</param>
    internal VoronoiOutlines(QuadEdgeSubdivision subdivision, Dictionary<Coordinate, int>? siteIndex, int[] labelOfSite, GeometryFactory factory, bool anyPlace = false)
    {
        _siteIndex = siteIndex;
        _labelOfSite = labelOfSite;
        _factory = factory;
        foreach (var e in subdivision.GetEdges())
        {
            if (!e.IsLive) continue;
            int o = SiteOf(e.Orig), d = SiteOf(e.Dest);
            int lo = o >= 0 ? labelOfSite[o] : Outside, ld = d >= 0 ? labelOfSite[d] : Outside;
            if (lo == ld) continue;
            if (lo >= 0) Add(lo, e);
            if (ld >= 0) Add(ld, e.Sym);
            if (anyPlace && (lo >= 0) != (ld >= 0)) Add(AnyPlace, lo >= 0 ? e : e.Sym);
        }
    }

    /// <summary>The labels (places) that have at least one boundary edge, i.e. at least one site, in ascending order.</summary>
    internal IEnumerable<int> Labels => _boundary.Keys.Where(l => l != AnyPlace).Order();

    /// <summary>The union of the cells of the sites labelled <paramref name="label"/>, traced; null when there are none or the traced outline does not check out.</summary>
    /// <remarks>
    /// <para>The walks are split where they meet (a Voronoi vertex of four or more cells, where co-circular sites give
    /// exactly equal circumcentres, can be passed twice) so the <see cref="Polygonizer"/> gets properly noded lines.</para>
    /// <para>Checked: the outline must be a valid polygon whose area is the walks' signed area (the place's cells' total
    /// area, whatever the polygonizer made of touching rings) to 1e-9. Reads only what the constructor computed: safe to
    /// call for different labels in parallel.</para>
    /// </remarks>
    /// <param name="label">The label to trace (a place, or <see cref="AnyPlace"/>).</param>
    /// <param name="checkRings">Have the polygonizer test every ring's validity as well (the way before 28 November 2026; for the benchmark).</param>
    internal Geometry? Trace(int label, bool checkRings = false)
    {
        if (!_boundary.TryGetValue(label, out var edges)) return null;
        var used = new HashSet<QuadEdge>(edges.Count, ReferenceEqualityComparer.Instance);
        var rings = new List<Coordinate[]>();
        var seen = new Dictionary<Coordinate, int>();
        double signedArea = 0;
        foreach (var start in edges)
        {
            if (used.Contains(start)) continue;
            var ring = new CoordinateList();
            var e = start;
            do
            {
                if (!used.Add(e)) return null; // a walk that meets another walk's edge: not a consistent triangulation
                var cc = (Coordinate)e.Rot.Data;
                ring.Add(new Coordinate(cc.X, cc.Y), false);
                var bc = e.LNext;
                e = In(LabelOf(bc.Dest), label) ? bc.Sym : bc.LNext.Sym;
            }
            while (!ReferenceEquals(e, start));

            ring.CloseRing();
            if (ring.Count < 4) continue; // a walk with no area (every circumcentre on one or two points)
            var coordinates = ring.ToCoordinateArray();
            signedArea -= Area.OfRingSigned(coordinates); // NetTopologySuite counts clockwise positive; the place is on the walk's left
            for (int k = 0; k < coordinates.Length - 1; k++) seen[coordinates[k]] = seen.GetValueOrDefault(coordinates[k]) + 1;
            rings.Add(coordinates);
        }

        // The polygonizer's own validity test of every ring is skipped (about half of tracing, OutlineTraceBenchmarks):
        // the outline is tested whole below, and an invalid ring kept makes it invalid, so the authority falls back to its
        // cells, where the check would have dropped the ring and the area test would nearly always have rejected it.
        var polygonizer = new Polygonizer(extractOnlyPolygonal: true) { IsCheckingRingsValid = checkRings };
        foreach (var ring in rings)
        {
            foreach (var line in Split(ring, seen)) polygonizer.Add(_factory.CreateLineString(line));
        }

        var outline = AuthorityBoundaries.Polygonal(polygonizer.GetGeometry());
        double tolerance = 1e-9 * Math.Max(Math.Abs(signedArea), 1);
        return !outline.IsEmpty && Math.Abs(outline.Area - signedArea) <= tolerance && outline.IsValid ? outline : null;
    }

    /// <summary>A closed ring as one line, or cut at every vertex that some walk passes more than once.</summary>
    private static IEnumerable<Coordinate[]> Split(Coordinate[] ring, Dictionary<Coordinate, int> seen)
    {
        int n = ring.Length - 1;
        int first = Array.FindIndex(ring, 0, n, c => seen[c] > 1);
        if (first < 0)
        {
            yield return ring;
            yield break;
        }

        var line = new List<Coordinate> { ring[first] };
        for (int k = 1; k <= n; k++)
        {
            var c = ring[(first + k) % n];
            line.Add(c);
            if (seen[c] > 1)
            {
                yield return [.. line];
                line = [c];
            }
        }
    }

    private void Add(int label, QuadEdge e)
    {
        if (!_boundary.TryGetValue(label, out var list)) _boundary[label] = list = [];
        list.Add(e);
        Circumcentre(e);
    }

    /// <summary>Whether a site labelled <paramref name="site"/> is part of what <paramref name="label"/> traces.</summary>
    private static bool In(int site, int label) => label == AnyPlace ? site >= 0 : site == label;

    private int SiteOf(Vertex v) => v is GridQuadEdgeLocator.SiteVertex site ? (site.Site < _labelOfSite.Length ? site.Site : -1)
        : _siteIndex is { } index && index.TryGetValue(v.Coordinate, out int s) ? s : -1;

    private int LabelOf(Vertex v) => SiteOf(v) is int s and >= 0 ? _labelOfSite[s] : Outside;

    /// <summary>Sets the circumcentre of the triangle left of <paramref name="e"/> as the data of its three edges' duals, once.</summary>
    private static void Circumcentre(QuadEdge e)
    {
        if (e.Rot.Data is not null) return;
        var e1 = e.LNext;
        var e2 = e1.LNext;
        var a = e.Orig.Coordinate;
        var b = e1.Orig.Coordinate;
        var c = e2.Orig.Coordinate;

        // From the least vertex, keeping the turn: the same bits whichever edge of the triangle asks first.
        var cc = Less(a, b) ? (Less(a, c) ? Triangle.CircumcentreDD(a, b, c) : Triangle.CircumcentreDD(c, a, b))
            : Less(b, c) ? Triangle.CircumcentreDD(b, c, a) : Triangle.CircumcentreDD(c, a, b);
        e.Rot.Data = cc;
        e1.Rot.Data = cc;
        e2.Rot.Data = cc;

        static bool Less(Coordinate p, Coordinate q) => p.X < q.X || (p.X == q.X && p.Y < q.Y);
    }
}
