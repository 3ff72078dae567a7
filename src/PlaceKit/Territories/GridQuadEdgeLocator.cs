using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;
using NetTopologySuite.Triangulate.QuadEdge;

namespace PlaceKit.Territories;

/// <summary>
/// Finds the triangle a new site falls in by walking from an edge found near an earlier site of the same grid cell or a
/// neighbouring one, instead of from wherever the previous site was.
/// </summary>
/// <remarks>
/// <para>NetTopologySuite's Delaunay triangulator inserts the sites sorted by x and its default locator
/// (<c>LastFoundQuadEdgeLocator</c>) walks from the previous site's triangle: consecutive sites are neighbours in x but
/// anywhere in y, so each walk crosses the triangulation's height, about √n triangles, and an authority of n sites
/// costs n^1.5. Starting from an edge found for a site a grid cell or two away makes each walk a few triangles long.</para>
/// <para>The insertion order is unchanged (sorted, which the triangulator's frame handling needs); only where each walk
/// starts differs, and the walk ends at the triangle holding the site whichever live edge it starts from. A cell
/// remembers the edge found for the last site located in it; an edge deleted since (a site on an edge splits it) is not
/// used. Deterministic: the same sites give the same walks.</para>
/// </remarks>
internal sealed class GridQuadEdgeLocator : IQuadEdgeLocator
{
    private const int Reach = 3;
    private readonly QuadEdgeSubdivision _subdivision;
    private readonly QuadEdge?[] _cells;
    private readonly int _columns;
    private readonly int _rows;
    private readonly double _minX;
    private readonly double _minY;
    private readonly double _size;
    private QuadEdge? _last;

    /// <summary>A locator for sites within <paramref name="extent"/>, about two sites a cell.</summary>
    internal GridQuadEdgeLocator(QuadEdgeSubdivision subdivision, Envelope extent, int sites)
    {
        _subdivision = subdivision;
        double area = Math.Max(extent.Width * extent.Height, 1e-12);
        _size = Math.Max(Math.Sqrt(area * 2 / Math.Max(sites, 1)), Math.Max(Math.Max(extent.Width, extent.Height), 1e-9) / 4096);
        _minX = extent.MinX;
        _minY = extent.MinY;
        _columns = (int)Math.Min(4096, Math.Floor(extent.Width / _size) + 1);
        _rows = (int)Math.Min(4096, Math.Floor(extent.Height / _size) + 1);
        _cells = new QuadEdge?[_columns * _rows];
    }

    /// <summary>The Delaunay triangulation of sites as <see cref="VoronoiDiagramBuilder"/> makes it (same frame, same order), with this locator.</summary>
    /// <param name="sites">The sites (distinct; sorted and copied here as the builder does).</param>
    /// <param name="frame">The envelope the triangulation's frame is built around (the builder's clip envelope).</param>
    /// <returns>The triangulation; each site's vertex is a <see cref="SiteVertex"/> holding the site's index in <paramref name="sites"/> (the frame's are plain vertices).</returns>
    internal static QuadEdgeSubdivision Triangulate(Coordinate[] sites, Envelope frame)
    {
        // As DelaunayTriangulationBuilder.Unique: deep copies sorted by (x, y), repeats dropped; the sort carries each
        // site's index along (distinct coordinates sort one way only, so the order is the builder's).
        var sorted = CoordinateArrays.CopyDeep(sites);
        var indices = new int[sites.Length];
        for (int k = 0; k < indices.Length; k++) indices[k] = k;
        Array.Sort(sorted, indices);
        var vertices = new List<Vertex>(sorted.Length);
        var envelope = new Envelope();
        for (int k = 0; k < sorted.Length; k++)
        {
            if (k > 0 && sorted[k].Equals2D(sorted[k - 1])) continue;
            vertices.Add(new SiteVertex(sorted[k], indices[k]));
            envelope.ExpandToInclude(sorted[k]);
        }

        var subdivision = new QuadEdgeSubdivision(frame, 0);
        subdivision.SetLocator(new GridQuadEdgeLocator(subdivision, envelope, vertices.Count));
        new IncrementalDelaunayTriangulator(subdivision) { ForceConvex = false }.InsertSites(vertices);
        return subdivision;
    }

    /// <summary>The Delaunay triangulation of <paramref name="points"/> as <see cref="DelaunayTriangulationBuilder"/> makes it
    /// (its unique sorted copy of the points, its frame around their envelope, its triangulator's settings), with this locator.</summary>
    /// <param name="points">The points (not changed; repeats allowed).</param>
    /// <returns>The triangulation; its vertices are plain <see cref="Vertex"/> objects, as the builder's are.</returns>
    internal static QuadEdgeSubdivision Delaunay(Coordinate[] points)
    {
        var sites = DelaunayTriangulationBuilder.Unique(points);
        var envelope = DelaunayTriangulationBuilder.Envelope(sites);
        var subdivision = new QuadEdgeSubdivision(envelope, 0);
        subdivision.SetLocator(new GridQuadEdgeLocator(subdivision, envelope, sites.Count));
        new IncrementalDelaunayTriangulator(subdivision).InsertSites(DelaunayTriangulationBuilder.ToVertices(sites));
        return subdivision;
    }

    /// <summary>A triangulation vertex that knows which site it is, so tracing needs no lookup by coordinate.</summary>
    internal sealed class SiteVertex(Coordinate c, int site) : Vertex(c)
    {
        /// <summary>The site's index in the array given to <see cref="Triangulate"/>.</summary>
        internal int Site { get; } = site;
    }

    /// <inheritdoc />
    public QuadEdge Locate(Vertex v)
    {
        var c = v.Coordinate;
        int column = Math.Clamp((int)Math.Floor((c.X - _minX) / _size), 0, _columns - 1);
        int row = Math.Clamp((int)Math.Floor((c.Y - _minY) / _size), 0, _rows - 1);
        var start = Near(column, row) ?? (_last is { IsLive: true } ? _last : _subdivision.GetEdges()[0]);
        var found = _subdivision.LocateFromEdge(v, start);
        _last = found;
        _cells[(row * _columns) + column] = found;
        return found;
    }

    /// <summary>The remembered live edge of the nearest cell (by rings around it) within <see cref="Reach"/> cells, or null.</summary>
    private QuadEdge? Near(int column, int row)
    {
        for (int r = 0; r <= Reach; r++)
        {
            for (int dy = -r; dy <= r; dy++)
            {
                int y = row + dy;
                if ((uint)y >= (uint)_rows) continue;
                int step = Math.Abs(dy) == r ? 1 : 2 * r;
                for (int dx = -r; dx <= r; dx += Math.Max(step, 1))
                {
                    int x = column + dx;
                    if ((uint)x >= (uint)_columns) continue;
                    if (_cells[(y * _columns) + x] is { IsLive: true } e) return e;
                }
            }
        }

        return null;
    }
}
