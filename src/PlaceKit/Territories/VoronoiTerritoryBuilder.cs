using System.Globalization;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;
using NetTopologySuite.Triangulate.QuadEdge;
using PlaceKit.Homes;
using PlaceKit.Trimming;

namespace PlaceKit.Territories;

/// <summary>
/// The default <see cref="ITerritoryBuilder"/>: Voronoi cells of each authority's homes (NetTopologySuite's
/// <c>VoronoiDiagramBuilder</c>), dissolved per place and clipped to the authority's area.
/// </summary>
/// <remarks>
/// <para>Per authority: the distinct home locations are the Voronoi sites, so a block of flats on one coordinate is one
/// site. A site's cell goes to the place of its homes; the rest of the area (the cells of unplaced homes) is the no-place area. When homes of
/// different places share one coordinate (possible after edits or size-constrained clustering), their cell is split into
/// equal wedges around the site, one per place, so each of those places still covers the site. Collinear homes give
/// strip-shaped cells; a single location gets the whole area.</para>
/// <para>The area is the authority's boundary when one is given, else the fallback described in
/// <see cref="TerritoryOptions"/>. Because the cells of one authority tile the plane and each is assigned once, territories
/// of one authority do not overlap (up to floating-point noding, far below 1e-9 of a territory's area) and territories plus
/// the no-place area make up the area.</para>
/// <para>Cost: O(n log n) per authority for the triangulation; each place's outline is then traced from the
/// triangulation (the Voronoi edges between its homes and others', no cell polygon made), or, for an authority with
/// homes of several places on one location or an outline that does not check out, its cells are built and dissolved
/// (a linear-time coverage union per place); then one overlay with the area (OverlayNG, robust); the no-place area is the area minus the union of the places (hundreds of
/// geometries, however many homes are unplaced). Authorities, and places within an authority, run in parallel, each writing its own slot:
/// deterministic whatever the thread count.</para>
/// </remarks>
public sealed class VoronoiTerritoryBuilder : ITerritoryBuilder
{
    private const int MaxOutsideExamples = 20;
    private readonly bool _traceOutlines = true;

    /// <summary>Creates the builder.</summary>
    public VoronoiTerritoryBuilder()
    {
    }

    /// <summary>A builder that traces outlines (the default) or always builds and dissolves every cell (the way before 27 November 2026; tests and benchmarks compare the two).</summary>
    internal VoronoiTerritoryBuilder(bool traceOutlines) => _traceOutlines = traceOutlines;
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 0);

    private static Geometry Polygonal(Geometry g) => AuthorityBoundaries.Polygonal(g);

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="placeIndexOfHome"/> does not have one entry per home, names a place that does not exist, or puts a home in a place of another authority.</exception>
    public TerritoryMap Build(HomeSet homes, IReadOnlyList<Place> places, ReadOnlySpan<int> placeIndexOfHome, TerritoryOptions options,
        int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default) =>
        Build(homes, places, placeIndexOfHome, options, maxDegreeOfParallelism, cancellationToken, knownAreas: null);

    /// <summary>
    /// As <see cref="Build(HomeSet, IReadOnlyList{Place}, ReadOnlySpan{int}, TerritoryOptions, int, CancellationToken)"/>, with the
    /// areas of some authorities already known (by code): an edited plan's authorities keep the areas of the plan it was
    /// edited from, which depend on every authority's homes, not only on the ones rebuilt.
    /// </summary>
    internal TerritoryMap Build(HomeSet homes, IReadOnlyList<Place> places, ReadOnlySpan<int> placeIndexOfHome, TerritoryOptions options,
        int maxDegreeOfParallelism, CancellationToken cancellationToken, IReadOnlyDictionary<string, Geometry>? knownAreas)
    {
        ArgumentNullException.ThrowIfNull(homes);
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(options);
        if (placeIndexOfHome.Length != homes.Count)
        {
            throw new ArgumentException($"{placeIndexOfHome.Length} place indices for {homes.Count} homes.", nameof(placeIndexOfHome));
        }

        var placeOf = placeIndexOfHome.ToArray();
        int authorities = homes.Authorities.Count;
        var auth = homes.AuthorityIndex;
        var start = new int[authorities + 1];
        for (int i = 0; i < auth.Length; i++)
        {
            int p = placeOf[i];
            if ((uint)(p + 1) > (uint)places.Count) throw new ArgumentException($"home '{homes.Ids[i]}' has place index {p}, outside [-1, {places.Count - 1}].", nameof(placeIndexOfHome));
            if (p >= 0 && !string.Equals(places[p].Authority, homes.Authorities[auth[i]], StringComparison.Ordinal))
            {
                throw new ArgumentException($"home '{homes.Ids[i]}' of authority '{homes.Authorities[auth[i]]}' is in place {places[p].Id} of authority '{places[p].Authority}'.", nameof(placeIndexOfHome));
            }

            start[auth[i] + 1]++;
        }

        for (int a = 0; a < authorities; a++) start[a + 1] += start[a];
        var order = new int[auth.Length];
        var next = start.AsSpan(0, authorities).ToArray();
        for (int i = 0; i < auth.Length; i++) order[next[auth[i]]++] = i;

        var boundaries = Boundaries(homes, options, start);
        var territories = new Geometry?[places.Count];
        var areas = new AuthorityArea[authorities];
        var parallel = Parallelism.Options(maxDegreeOfParallelism, cancellationToken); // -1: one authority per core at a time, not one per injected pool thread
        var x = homes.XArray;
        var y = homes.YArray;

        // Each authority's homes sorted once by (x, y, index): the fallback areas and the Voronoi sites both walk them in this order.
        Parallel.For(0, authorities, parallel, a => order.AsSpan(start[a], start[a + 1] - start[a]).Sort((p, q) =>
        {
            int c = x[p].CompareTo(x[q]);
            if (c == 0) c = y[p].CompareTo(y[q]);
            return c != 0 ? c : p.CompareTo(q);
        }));
        var fallback = knownAreas is null ? FallbackAreas(homes, order, start, boundaries, options, parallel) : Known(homes, boundaries, knownAreas);
        Parallel.For(0, authorities, parallel, a =>
        {
            var members = order.AsSpan(start[a], start[a + 1] - start[a]).ToArray();
            var (outside, examples) = boundaries[a] is { } b ? Outside(b, members, x, y, homes.Ids) : (0, []);
            areas[a] = BuildAuthority(homes.Authorities[a], members, x, y, placeOf, boundaries[a] ?? fallback[a]!, boundaries[a] is not null, territories, parallel, _traceOutlines)
                with { HomesOutside = outside, HomesOutsideExamples = examples };
        });

        var result = new PlaceTerritory[places.Count];
        for (int p = 0; p < result.Length; p++)
        {
            var t = territories[p] ?? Factory.CreatePolygon();
            result[p] = new PlaceTerritory
            {
                PlaceId = places[p].Id,
                Authority = places[p].Authority,
                Territory = t,
                PolsbyPopper = Compactness.PolsbyPopper(t),
                Reock = Compactness.Reock(t),
            };
        }

        return new TerritoryMap(result, areas);
    }

    /// <summary>Each authority's boundary from <see cref="TerritoryOptions.BoundariesFile"/> in the homes' CRS, or nulls when there is no file.</summary>
    /// <exception cref="BoundaryFileException">The file cannot be read, or has no boundary for an authority with homes (all such authorities are named).</exception>
    private static Geometry?[] Boundaries(HomeSet homes, TerritoryOptions options, int[] start)
    {
        var result = new Geometry?[homes.Authorities.Count];
        if (options.BoundariesFile is not { } file) return result;
        var boundaries = AuthorityBoundaries.Load(file, options.BoundaryField, options.BoundaryLayer);
        if (options.BoundariesSha256 is { } sha && !string.Equals(sha, boundaries.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BoundaryFileException(
                $"boundary file '{boundaries.FilePath}' has changed since the plan was made (SHA-256 {Short(sha)}..., now {Short(boundaries.Sha256)}...); " +
                "re-run with --boundaries FILE (or clear TerritoryOptions.BoundariesSha256) to use it as it is now");
        }

        var planar = boundaries.In(homes.Projection);
        var missing = new List<string>();
        for (int a = 0; a < result.Length; a++)
        {
            if (planar.TryGetValue(homes.Authorities[a], out var g)) result[a] = g;
            else missing.Add($"{homes.Authorities[a]} ({(start[a + 1] - start[a]).ToString("N0", CultureInfo.InvariantCulture)} homes)");
        }

        if (missing.Count > 0)
        {
            string list = string.Join(", ", missing.Take(10)) + (missing.Count > 10 ? $" and {(missing.Count - 10).ToString(CultureInfo.InvariantCulture)} more" : "");
            int n = boundaries.Authorities.Count;
            string codes = (n == 1 ? "its 1 code is " : $"its {n.ToString(CultureInfo.InvariantCulture)} codes are ")
                + string.Join(", ", boundaries.Authorities.Take(5)) + (n > 5 ? ", ..." : "");
            throw new BoundaryFileException(
                $"boundary file '{boundaries.FilePath}' (field {boundaries.Field}) has no boundary for {missing.Count.ToString(CultureInfo.InvariantCulture)} " +
                $"authorit{(missing.Count == 1 ? "y" : "ies")} with homes: {list}; {codes} " +
                "(is it the right year's file, or the right --boundary-field?)");
        }

        return result;
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    /// <summary>How many of an authority's homes lie outside its boundary (on it counts as inside), and the first 20 ids in input order.</summary>
    private static (int Count, IReadOnlyList<string> Examples) Outside(Geometry boundary, int[] members, double[] x, double[] y, IReadOnlyList<string> ids)
    {
        var locator = new IndexedPointInAreaLocator(boundary);
        var outside = new List<int>();
        foreach (int i in members)
        {
            if (locator.Locate(new Coordinate(x[i], y[i])) == Location.Exterior) outside.Add(i);
        }

        // members come sorted by location: the examples are the first in input order.
        return (outside.Count, [.. outside.Order().Take(MaxOutsideExamples).Select(i => ids[i])]);
    }

    /// <summary>The distinct locations of some homes given sorted by (x, y), in that order.</summary>
    private static Coordinate[] DistinctSites(ReadOnlySpan<int> members, double[] x, double[] y)
    {
        var sites = new List<Coordinate>(members.Length);
        for (int k = 0; k < members.Length; k++)
        {
            int i = members[k];
            if (k == 0 || x[i] != x[members[k - 1]] || y[i] != y[members[k - 1]]) sites.Add(new Coordinate(x[i], y[i]));
        }

        return [.. sites];
    }

    /// <summary>The areas of the authorities without a boundary taken from <paramref name="known"/> (by code); an authority missing from it is an error.</summary>
    private static Geometry?[] Known(HomeSet homes, Geometry?[] boundaries, IReadOnlyDictionary<string, Geometry> known)
    {
        var result = new Geometry?[boundaries.Length];
        for (int a = 0; a < result.Length; a++)
        {
            if (boundaries[a] is not null) continue;
            result[a] = known.TryGetValue(homes.Authorities[a], out var g) ? g : throw new ArgumentException($"no known area for authority '{homes.Authorities[a]}'.", nameof(known));
        }

        return result;
    }

    /// <summary>
    /// The fallback areas of the authorities without a boundary (<see cref="FallbackArea(Coordinate[], TerritoryOptions)"/> of each one's homes), made
    /// disjoint where neighbours' areas overlap: a point claimed by several goes to the authority of the nearest home.
    /// </summary>
    /// <remarks>
    /// Only the overlaps are worked on: the distinct home locations of every fallback authority within
    /// <see cref="TerritoryOptions.FallbackHullEdgeMeters"/> + <see cref="TerritoryOptions.FallbackMarginMeters"/> of an
    /// overlap are Voronoi sites, and each authority gives up the part of its overlaps that lies in cells of other
    /// authorities' homes. A location holding homes of several authorities keeps its cell in each of their areas, so every
    /// home stays inside its own authority's area. A point nearest a home of an authority whose area does not reach it is
    /// given up by both claimants (a small gap rather than an overlap). Deterministic: the same homes give the same areas.
    /// </remarks>
    private static Geometry?[] FallbackAreas(HomeSet homes, int[] order, int[] start, Geometry?[] boundaries, TerritoryOptions options, ParallelOptions parallel)
    {
        int authorities = boundaries.Length;
        var x = homes.XArray;
        var y = homes.YArray;
        var sites = new Coordinate[authorities][];
        var raw = new Geometry?[authorities];
        Parallel.For(0, authorities, parallel, a =>
        {
            if (boundaries[a] is not null) return;
            sites[a] = DistinctSites(order.AsSpan(start[a], start[a + 1] - start[a]), x, y);
            raw[a] = FallbackArea(sites[a], options);
        });

        // Pairs of fallback areas that overlap (not merely touch).
        var tree = new NetTopologySuite.Index.Strtree.STRtree<int>();
        for (int a = 0; a < authorities; a++)
        {
            if (raw[a] is { } g) tree.Insert(g.EnvelopeInternal, a);
        }

        var overlaps = new List<Geometry>[authorities];
        var pairs = new List<(int A, int B)>();
        for (int a = 0; a < authorities; a++)
        {
            if (raw[a] is not { } g) continue;
            foreach (int b in tree.Query(g.EnvelopeInternal).Where(b => b > a).Order())
            {
                if (raw[b]!.Intersects(g)) pairs.Add((a, b));
            }
        }

        var pairOverlap = new Geometry[pairs.Count];
        Parallel.For(0, pairs.Count, parallel, k => pairOverlap[k] = Polygonal(OverlayNGRobust.Overlay(raw[pairs[k].A]!, raw[pairs[k].B]!, SpatialFunction.Intersection)));
        for (int k = 0; k < pairs.Count; k++)
        {
            if (pairOverlap[k].IsEmpty || !(pairOverlap[k].Area > 0)) continue;
            foreach (int a in (int[])[pairs[k].A, pairs[k].B]) (overlaps[a] ??= []).Add(pairOverlap[k]);
        }

        if (overlaps.All(o => o is null)) return raw;

        // One Voronoi diagram of the locations near any overlap, each site with the authorities of its homes.
        var all = Polygonal(OverlayNGRobust.Union(overlaps.Where(o => o is not null).SelectMany(o => o)));
        var near = all.Buffer(options.FallbackHullEdgeMeters + options.FallbackMarginMeters, 4);
        var nearLocator = new IndexedPointInAreaLocator(near);
        var owners = new Dictionary<Coordinate, List<int>>();
        var siteList = new List<Coordinate>();
        for (int a = 0; a < authorities; a++)
        {
            if (sites[a] is null) continue;
            foreach (var c in sites[a])
            {
                if (!near.EnvelopeInternal.Contains(c) || nearLocator.Locate(c) == Location.Exterior) continue;
                if (!owners.TryGetValue(c, out var list))
                {
                    owners[c] = list = [];
                    siteList.Add(c);
                }

                list.Add(a);
            }
        }

        siteList.Sort();
        var cells = new List<(Geometry Cell, List<int> Owners)>();
        if (siteList.Count > 1)
        {
            var builder = new VoronoiDiagramBuilder { ClipEnvelope = near.EnvelopeInternal };
            builder.SetSites(siteList);
            foreach (var cell in builder.GetSubdivision().GetVoronoiCellPolygons(Factory))
            {
                if (owners.TryGetValue((Coordinate)cell.UserData, out var list)) cells.Add((cell, list));
            }
        }

        var result = (Geometry?[])raw.Clone();
        Parallel.For(0, authorities, parallel, a =>
        {
            if (overlaps[a] is not { } mine) return;
            var claimed = mine.Count == 1 ? mine[0] : Polygonal(OverlayNGRobust.Union(mine));
            var env = claimed.EnvelopeInternal;
            var others = cells.Where(c => !c.Owners.Contains(a) && c.Cell.EnvelopeInternal.Intersects(env)).Select(c => c.Cell).ToList();
            if (others.Count == 0) return;
            var (_, lost) = Dissolve(others, [], claimed, cellIsArea: false);
            result[a] = Polygonal(OverlayNGRobust.Overlay(raw[a]!, lost, SpatialFunction.Difference));
        });

        return result;
    }

    /// <summary>The fallback area of a set of locations: their concave hull, buffered.</summary>
    /// <param name="sites">The distinct locations (at least one).</param>
    /// <param name="options">The options.</param>
    /// <returns>A polygon or multipolygon.</returns>
    /// <remarks>
    /// The concave hull triangulates its points and erodes the triangulation's border, the territory stage's largest cost
    /// (NetTopologySuite inserts the points sorted by x, which grows as n^1.5). Above <see cref="ThinHullAbove"/> locations
    /// it is taken over one location per cell of a grid a third of the margin wide: every dropped location is within half
    /// the margin of a kept one, so it stays inside the buffered area. The hull moves by less than that and the margin's
    /// buffer rounds it off; on a 1M-home stock the grid keeps 312,185 of 485,726 locations. The hull is NetTopologySuite's
    /// concave hull by length, computed on arrays (<see cref="LengthConcaveHull"/>: the same polygon).
    /// </remarks>
    internal static Geometry FallbackArea(Coordinate[] sites, TerritoryOptions options) => FallbackArea(sites, options, ThinHullAbove);

    /// <summary>As <see cref="FallbackArea(Coordinate[], TerritoryOptions)"/>, thinning above <paramref name="thinAbove"/> locations (benchmarks compare thresholds).</summary>
    internal static Geometry FallbackArea(Coordinate[] sites, TerritoryOptions options, int thinAbove)
    {
        // The points as coordinates, no MultiPoint: both hulls take a geometry's coordinates (the convex one a copy, as it may reorder them).
        var points = ThinnedForHull(sites, options.FallbackMarginMeters, thinAbove);
        var convex = new NetTopologySuite.Algorithm.ConvexHull([.. points], Factory).GetConvexHull();
        Geometry hull = convex;
        if (convex is Polygon && sites.Length > 3)
        {
            var concave = LengthConcaveHull.Of(points, Factory, options.FallbackHullEdgeMeters);
            if (concave is Polygon { IsEmpty: false } && concave.IsValid) hull = concave;
        }

        return Polygonal(hull.Buffer(options.FallbackMarginMeters, 8));
    }

    /// <summary>How many distinct locations an authority may have before its fallback hull is taken over a thinned set.</summary>
    /// <remarks>Was 20,000 until 27 November 2026 (only England-sized stocks were thinned); an authority of a few thousand
    /// locations now thins too, for half the territory stage's hull time at 1M homes (notes/issue-17.md).</remarks>
    internal const int ThinHullAbove = 1_000;

    /// <summary>The sites, or above <paramref name="thinAbove"/> the first site (in the given order) of each grid cell a third of <paramref name="margin"/> wide.</summary>
    internal static Coordinate[] ThinnedForHull(Coordinate[] sites, double margin, int thinAbove)
    {
        if (sites.Length <= thinAbove || !(margin > 0) || double.IsInfinity(margin)) return sites;
        double cell = margin / 3;
        var seen = new HashSet<(long, long)>();
        var kept = new List<Coordinate>();
        foreach (var c in sites)
        {
            if (seen.Add(((long)Math.Floor(c.X / cell), (long)Math.Floor(c.Y / cell)))) kept.Add(c);
        }

        return [.. kept];
    }

    private static AuthorityArea BuildAuthority(string code, int[] members, double[] x, double[] y, int[] placeOf, Geometry area,
        bool isBoundary, Geometry?[] territories, ParallelOptions parallel, bool traceOutlines)
    {
        // Distinct locations (members come sorted by (x, y, index)); each with the place of its homes, or -1, or several.
        var sites = new List<Coordinate>();
        var label = new List<int>();
        var shared = new Dictionary<int, SortedSet<int>>();
        for (int k = 0; k < members.Length; k++)
        {
            int i = members[k];
            int p = placeOf[i];
            if (k == 0 || x[i] != x[members[k - 1]] || y[i] != y[members[k - 1]])
            {
                sites.Add(new Coordinate(x[i], y[i]));
                label.Add(p);
                continue;
            }

            int s = sites.Count - 1;
            if (p < 0 || p == label[s]) continue;
            if (label[s] == -1) label[s] = p;
            else
            {
                if (!shared.TryGetValue(s, out var set)) shared[s] = set = [label[s]];
                set.Add(p);
            }
        }

        var siteArray = sites.ToArray();
        AuthorityArea Result(Geometry noPlace) =>
            new() { Authority = code, Source = isBoundary ? AuthorityAreaSource.Boundary : AuthorityAreaSource.Fallback, Area = area, NoPlace = noPlace };

        // One Voronoi cell per site (the whole area for a single site).
        var cells = new Geometry[siteArray.Length];
        if (siteArray.Length == 1)
        {
            cells[0] = area;
        }
        else
        {
            // As VoronoiDiagramBuilder triangulates (same frame, same order), walking from nearby edges (GridQuadEdgeLocator).
            var subdivision = GridQuadEdgeLocator.Triangulate(isBoundary ? [.. siteArray, .. Ghosts(siteArray, area)] : siteArray, area.EnvelopeInternal);

            // Usually: each place's outline traced from the triangulation, no cell built. Shared sites (wedges) and
            // outlines that are not valid polygons (co-circular sites) take the cells' way below, for the whole authority.
            int unplaced = label.Count(l => l < 0);
            if (traceOutlines && shared.Count == 0 && Traced(subdivision, [.. label], parallel, anyPlace: unplaced > 0) is var (traced, anyPlace))
            {
                Parallel.For(0, traced.Length, parallel, e => territories[traced[e].Place] = Clip(traced[e].Outline, area));
                var noPlace = unplaced == 0 ? Factory.CreatePolygon() : traced.Length == 0 ? area.Copy()
                    : NoPlace(area, anyPlace is { } all ? [all] : [.. traced.Select(t => t.Outline)], [.. traced.Select(t => territories[t.Place]!)]);
                return Result(noPlace);
            }

            var index = new Dictionary<Coordinate, int>(siteArray.Length);
            for (int s = 0; s < siteArray.Length; s++) index[siteArray[s]] = s;
            foreach (var cell in subdivision.GetVoronoiCellPolygons(Factory))
            {
                if (index.TryGetValue((Coordinate)cell.UserData, out int s)) cells[s] = cell;
            }
        }

        // Group the cells by place: whole cells, and wedge pieces of cells shared by several places.
        var localPlaces = new SortedDictionary<int, (List<Geometry> Cells, List<Geometry> Pieces)>();
        int unplacedSites = 0;
        for (int s = 0; s < siteArray.Length; s++)
        {
            if (shared.TryGetValue(s, out var set))
            {
                var pieces = Wedges(siteArray[s], cells[s], set.Count);
                int w = 0;
                foreach (int p in set) Slot(localPlaces, p).Pieces.Add(pieces[w++]);
            }
            else if (label[s] >= 0)
            {
                Slot(localPlaces, label[s]).Cells.Add(cells[s]);
            }
            else
            {
                unplacedSites++;
            }
        }

        var entries = localPlaces.ToArray();
        var unclipped = new Geometry[entries.Length];
        Parallel.For(0, entries.Length, parallel, e =>
        {
            var (p, (whole, pieces)) = (entries[e].Key, entries[e].Value);
            (unclipped[e], territories[p]) = Dissolve(whole, pieces, area, siteArray.Length == 1);
        });

        return Result(unplacedSites == 0 ? Factory.CreatePolygon() : entries.Length == 0 ? area.Copy() : NoPlace(area, unclipped, [.. entries.Select(e => territories[e.Key]!)]));
    }

    /// <summary>
    /// Each place's outline traced from the triangulation (<see cref="VoronoiOutlines"/>), by place index, and when asked
    /// the outline of all the places together (null if that one is not a valid polygon); null when any place's is not.
    /// </summary>
    /// <remarks>The places' outline together is what the no-place area is cut from: one traced polygon instead of the
    /// union of every place's outline (at 5M homes the union was a quarter of the authorities' territory time).</remarks>
    private static ((int Place, Geometry Outline)[] Places, Geometry? AnyPlace)? Traced(QuadEdgeSubdivision subdivision,
        int[] labelOfSite, ParallelOptions parallel, bool anyPlace)
    {
        var outlines = new VoronoiOutlines(subdivision, null, labelOfSite, Factory, anyPlace);
        int[] labels = [.. outlines.Labels, .. anyPlace ? (int[])[VoronoiOutlines.AnyPlace] : []];
        var traced = new Geometry?[labels.Length];
        Parallel.For(0, labels.Length, parallel, (e, state) =>
        {
            traced[e] = outlines.Trace(labels[e]);
            if (traced[e] is null && labels[e] != VoronoiOutlines.AnyPlace) state.Stop();
        });
        int places = labels.Length - (anyPlace ? 1 : 0);
        if (traced.Take(places).Any(t => t is null)) return null;
        return ([.. labels.Take(places).Select((p, e) => (p, traced[e]!))], anyPlace ? traced[places] : null);
    }

    /// <summary>A place's cells' union clipped to the area (robust overlay).</summary>
    private static Geometry Clip(Geometry union, Geometry area) => Polygonal(OverlayNGRobust.Overlay(union, area, SpatialFunction.Intersection));

    /// <summary>
    /// Four far sites around the area and the homes, so the outer homes' cells reach past every part of a real boundary.
    /// </summary>
    /// <remarks>
    /// The triangulation's frame reaches about ten times the homes' extent; a boundary far larger than its homes (homes in
    /// one town of a large rural district) would otherwise stick out of the outer cells and belong to no one. With sites at
    /// four times the extent of area and homes together, every point of the area is nearer a home than a far site (at most
    /// 1.5 extents from a home, at least 3.2 from a far site), so the far sites' cells never touch the area and are dropped.
    /// </remarks>
    private static Coordinate[] Ghosts(Coordinate[] sites, Geometry area)
    {
        var env = new Envelope(area.EnvelopeInternal);
        foreach (var c in sites) env.ExpandToInclude(c);
        double d = Math.Max(Math.Max(env.Width, env.Height), 1);
        var c0 = env.Centre;
        return [new(c0.X - (4 * d), c0.Y), new(c0.X + (4 * d), c0.Y), new(c0.X, c0.Y - (4 * d)), new(c0.X, c0.Y + (4 * d))];
    }

    private static (List<Geometry> Cells, List<Geometry> Pieces) Slot(SortedDictionary<int, (List<Geometry> Cells, List<Geometry> Pieces)> places, int p)
    {
        if (!places.TryGetValue(p, out var slot)) places[p] = slot = ([], []);
        return slot;
    }

    /// <summary>The union of whole cells (a coverage: linear-time union) and wedge pieces (overlay union), before and after clipping to the area.</summary>
    /// <remarks>
    /// The linear-time coverage union assumes the cells meet exactly. The Voronoi builder's floating-point vertices
    /// occasionally break that: homes on a 0.1 m grid have co-circular sites, whose Voronoi vertices nearly coincide and
    /// can leave a cell with a bow-tie 1e-11 m across, which the coverage union reports as a topology conflict. Then the
    /// invalid cells are repaired (<see cref="GeometryFixer"/>) and everything is redone with the robust overlay (floating,
    /// then snapping, then snap-rounding), which does not fail on valid input. The repair changes the result by far less
    /// than a micrometre, and only on the rare stocks that need it.
    /// </remarks>
    private static (Geometry Unclipped, Geometry Clipped) Dissolve(List<Geometry> whole, List<Geometry> pieces, Geometry area, bool cellIsArea)
    {
        try
        {
            return Dissolve(whole, pieces, area, cellIsArea, exactCoverage: true);
        }
        catch (Exception e) when (e is TopologyException or ArgumentException)
        {
            // ArgumentException: OverlayNG's "mixed-dimension input", when a degenerate cell left a line in the union.
            return Dissolve(Repaired(whole), Repaired(pieces), area, cellIsArea, exactCoverage: false);
        }
    }

    private static (Geometry Unclipped, Geometry Clipped) Dissolve(List<Geometry> whole, List<Geometry> pieces, Geometry area, bool cellIsArea, bool exactCoverage)
    {
        Geometry union = whole.Count switch
        {
            0 => Factory.CreatePolygon(),
            1 => Polygonal(whole[0]),
            _ when exactCoverage => Polygonal(NetTopologySuite.Coverage.CoverageUnion.Union([.. whole])),
            _ => Polygonal(OverlayNGRobust.Union(whole)),
        };
        foreach (var piece in pieces) union = union.IsEmpty ? piece : Polygonal(OverlayNGRobust.Overlay(union, piece, SpatialFunction.Union));
        return (union, cellIsArea && pieces.Count == 0 ? union : Clip(union, area));
    }

    /// <summary>The part of the area in no place: the area minus the union of the places' (unclipped) cell unions.</summary>
    /// <remarks>
    /// <para>The complement, rather than a dissolve of the unplaced cells: an authority has hundreds of places but can have tens
    /// of thousands of unplaced cells, and the outer ones (far circumcentres) are sometimes invalid, which used to send
    /// the whole dissolve down the slow robust path. The places' unions share the Voronoi vertices, so their union is
    /// cheap and leaves no gaps; the complement also covers whatever the unplaced cells covered, so territories plus the
    /// no-place area still make up the area.</para>
    /// <para>Checked, because the overlay can be silently wrong: on homes of a 0.1 m lattice, co-circular sites give Voronoi
    /// vertices a few 1e-10 m apart; the floating overlay then fails and NetTopologySuite's robust overlay falls back to
    /// snapping, which once returned a valid polygon missing half of the places (no-place area 89,582 m² where 44,262 m²
    /// was right). The result must have the area's area less the territories' (which never overlap); otherwise the
    /// difference is taken against the union of the clipped territories, then with NetTopologySuite's older overlay, and
    /// the first that adds up is kept (the closest if none does, to be caught by the callers' checks; if every way throws,
    /// the first way's exception).</para>
    /// </remarks>
    private static Geometry NoPlace(Geometry area, Geometry[] placeUnions, Geometry[] territories)
    {
        double expected = area.Area - territories.Sum(t => t.Area);
        double tolerance = NoPlaceTolerance * Math.Max(area.Area, 1);
        Func<Geometry>[] ways =
        [
            () => Polygonal(OverlayNGRobust.Overlay(area, Union(placeUnions), SpatialFunction.Difference)),
            () => Polygonal(OverlayNGRobust.Overlay(area, Union(territories), SpatialFunction.Difference)),
            () => Polygonal(area.Difference(Union(territories))),
        ];
        Geometry? best = null;
        double bestError = double.PositiveInfinity;
        Exception? firstFailure = null;
        foreach (var way in ways)
        {
            Geometry candidate;
            try
            {
                candidate = way();
            }
            catch (Exception e) when (e is TopologyException or ArgumentException)
            {
                firstFailure ??= e;
                continue;
            }

            double error = Math.Abs(candidate.Area - expected);
            if (error <= tolerance) return candidate;
            if (error < bestError) (best, bestError) = (candidate, error);
        }

        // Every way threw: the first way's error, as before the check (never an empty no-place area in its stead).
        if (best is null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(firstFailure!);
        return best;

        static Geometry Union(Geometry[] parts) => parts.Length == 1 ? parts[0] : Polygonal(OverlayNGRobust.Union(parts));
    }

    /// <summary>How far (relative to the area) the no-place area's area may be from the area less the territories'.</summary>
    internal const double NoPlaceTolerance = 1e-9;

    /// <summary>The cells made valid; a cell that collapses to a line or a point (no area) is dropped.</summary>
    private static List<Geometry> Repaired(List<Geometry> cells) =>
        cells.ConvertAll(c => c.IsValid ? c : Polygonal(GeometryFixer.Fix(c))).FindAll(c => !c.IsEmpty);

    /// <summary>Splits a convex cell into <paramref name="count"/> equal-angle wedges around its site, each touching the site.</summary>
    private static Geometry[] Wedges(Coordinate site, Geometry cell, int count)
    {
        if (!cell.IsValid) cell = Polygonal(GeometryFixer.Fix(cell));
        var env = cell.EnvelopeInternal;
        double r = 2 * (Math.Max(env.Width, env.Height) + Math.Abs(env.MinX - site.X) + Math.Abs(env.MinY - site.Y) + 1);
        var result = new Geometry[count];
        for (int w = 0; w < count; w++)
        {
            double a0 = 2 * Math.PI * w / count, a1 = 2 * Math.PI * (w + 1) / count;
            int steps = Math.Max(2, (int)Math.Ceiling((a1 - a0) / (Math.PI / 4)));
            var ring = new Coordinate[steps + 3];
            ring[0] = site.Copy();
            for (int k = 0; k <= steps; k++)
            {
                double t = a0 + ((a1 - a0) * k / steps);
                ring[k + 1] = new Coordinate(site.X + (r * Math.Cos(t)), site.Y + (r * Math.Sin(t)));
            }

            ring[^1] = site.Copy();
            result[w] = Polygonal(OverlayNGRobust.Overlay(cell, Factory.CreatePolygon(ring), SpatialFunction.Intersection));
        }

        return result;
    }
}
