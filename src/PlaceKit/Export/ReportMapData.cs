using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>How much the report's map may hold before it thins: squares of homes drawn, and outline vertices.</summary>
/// <param name="MaxSquares">The most home squares the map draws; above this homes are counted on a coarser grid.</param>
/// <param name="MaxOutlineVertices">The most outline vertices (territories and authority areas) the map draws; above this outlines are simplified more.</param>
internal sealed record ReportMapLimits(int MaxSquares, int MaxOutlineVertices)
{
    /// <summary>The limits report.html uses: about 5 MB of homes and 2 MB of outlines at most, each drawn in well under a second.</summary>
    internal static ReportMapLimits Default { get; } = new(600_000, 200_000);
}

/// <summary>
/// The report's map: the plan's data for the shared map code (<c>Export/Map/placekit-map.js</c>, which the studio runs
/// too) and the embedded assets (Leaflet 1.9.4 with its licence, the shared module) that report.html inlines.
/// </summary>
/// <remarks>
/// <para>
/// Homes travel as <em>squares</em>: the homes of one place (or the unplaced homes) that fall in one cell of a grid in
/// the plan's projected metres, drawn at their centroid, with their count. The finest grid is 1 m, so a plan that fits
/// <see cref="ReportMapLimits.MaxSquares"/> draws every home where it is (homes of a place on the same metre share a
/// square). A larger plan first counts the unplaced homes on a coarser grid (up to <see cref="MaxUnplacedCellMeters"/>),
/// then, only if that is not enough, the placed homes too, choosing the finest cells from
/// <see cref="CellLadderMeters"/> that fit; every place keeps at least one square and the counts add up to every home.
/// Squares are sorted by group (place index, then unplaced) and position and written as base64 of LEB128 varints:
/// zigzag deltas of latitude and longitude in micro-degrees, then count - 1 (about 6 bytes a square).
/// </para>
/// <para>
/// Places and authorities travel as JSON written with System.Text.Json's default encoder, which escapes <c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c> and quotes: no text from the input can close the script element that holds it. Outlines
/// (territories, authority areas) are simplified with NetTopologySuite's <see cref="TopologyPreservingSimplifier"/> at the
/// finest tolerance of <see cref="ToleranceLadderMeters"/> (2 m first) whose vertices fit
/// <see cref="ReportMapLimits.MaxOutlineVertices"/>, and written as rings of integers: latitude and longitude in units of
/// 10⁻⁵ degree (about 1 m), the first pair absolute, then deltas. Every place keeps its outline.
/// Deterministic: the same plan gives the same text.
/// </para>
/// </remarks>
internal static class ReportMapData
{
    /// <summary>Grid cells tried for the homes, metres, finest first.</summary>
    internal static readonly double[] CellLadderMeters =
        [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000, 20_000, 50_000, 100_000];

    /// <summary>The coarsest grid unplaced homes are counted on before placed homes are thinned too.</summary>
    internal const double MaxUnplacedCellMeters = 2000;

    /// <summary>Outline simplification tolerances tried, metres, finest first (the first is the studio's <see cref="MapJson.SimplifyMeters"/>).</summary>
    internal static readonly double[] ToleranceLadderMeters = [MapJson.SimplifyMeters, 5, 10, 20, 50, 100, 200, 500];

    /// <summary>Micro-degrees per degree: the unit of the squares' coordinates.</summary>
    private const double SquareUnits = 1e6;

    /// <summary>Units per degree of the outline coordinates (10⁻⁵ degree, about 1 m).</summary>
    private const double OutlineUnits = 1e5;

    /// <summary>What the report's map draws, worked out once per report.</summary>
    /// <param name="Squares">The squares' bytes (varints, see the class remarks).</param>
    /// <param name="SquaresPerGroup">Squares of each place, then of the unplaced homes (length = places + 1).</param>
    /// <param name="HomesPerGroup">Homes those squares hold, per group: equal to each place's homes and the unplaced count.</param>
    /// <param name="FinestCellMeters">The finest grid the plan's extent allows (1 m unless the extent is huge).</param>
    /// <param name="PlacedCellMeters">The grid the placed homes were counted on.</param>
    /// <param name="UnplacedCellMeters">The grid the unplaced homes were counted on.</param>
    /// <param name="ToleranceMeters">The outline simplification tolerance used.</param>
    /// <param name="PlaceOutlines">Each place's territory as written (simplified).</param>
    /// <param name="AuthorityOutlines">Each authority's area as written (simplified).</param>
    /// <param name="OutlineVertices">Vertices of every outline written.</param>
    internal sealed record Layout(
        byte[] Squares, int[] SquaresPerGroup, int[] HomesPerGroup, double FinestCellMeters, double PlacedCellMeters, double UnplacedCellMeters,
        double ToleranceMeters, Geometry[] PlaceOutlines, Geometry[] AuthorityOutlines, long OutlineVertices)
    {
        /// <summary>Total squares drawn.</summary>
        internal int SquareCount => SquaresPerGroup.Sum();

        /// <summary>True when the placed homes were counted on a grid coarser than the finest.</summary>
        internal bool PlacedThinned => PlacedCellMeters > FinestCellMeters;

        /// <summary>True when the unplaced homes were counted on a grid coarser than the finest.</summary>
        internal bool UnplacedThinned => UnplacedCellMeters > FinestCellMeters;

        /// <summary>True when outlines were simplified more than the studio simplifies them.</summary>
        internal bool OutlinesThinned => ToleranceMeters > MapJson.SimplifyMeters;
    }

    /// <summary>Works out the squares and outlines the map draws for a plan within the limits.</summary>
    internal static Layout Lay(PlacePlan plan, ReportMapLimits limits)
    {
        var (squares, perGroup, homesPerGroup, finest, placedCell, unplacedCell) = Squares(plan, limits.MaxSquares);
        var (tolerance, simplePlaces, simpleAreas, vertices) = Outlines(plan, limits.MaxOutlineVertices);
        return new Layout(squares, perGroup, homesPerGroup, finest, placedCell, unplacedCell, tolerance, simplePlaces, simpleAreas, vertices);
    }

    /// <summary>The territories and authority areas simplified at the finest tolerance of the ladder whose vertices fit the budget (the coarsest when none does).</summary>
    /// <remarks>
    /// Finest first, the studio's 2 m (most plans fit there), as before; but a pass stops as soon as its running vertex
    /// total is over the budget, since its outlines will not be drawn. The total only grows, so whether a tolerance fits
    /// does not depend on the order the threads simplify in, and the tolerance chosen is the one a full scan chooses.
    /// </remarks>
    internal static (double Tolerance, Geometry[] Places, Geometry[] Areas, long Vertices) Outlines(PlacePlan plan, int maxVertices)
    {
        int placeCount = plan.Places.Count;
        var outlines = new Geometry[placeCount + plan.Territories.Authorities.Count];
        for (int p = 0; p < placeCount; p++) outlines[p] = plan.Territories.Places[p].Territory;
        for (int a = 0; a < plan.Territories.Authorities.Count; a++) outlines[placeCount + a] = plan.Territories.Authorities[a].Area;
        var parallel = Parallelism.Options(plan.Options.MaxDegreeOfParallelism);
        var fitting = new Dictionary<int, (Geometry[] Simple, long Vertices)>();
        bool FitsAt(int level)
        {
            var simple = Simplify(outlines, ToleranceLadderMeters[level], parallel, maxVertices, out long vertices);
            if (simple is not null) fitting[level] = (simple, vertices);
            return simple is not null;
        }

        // Finest first; a pass over the budget stops early, so only the pass that fits runs in full. (A binary search
        // over the ladder ran up to three full passes when the answer was near the fine end: slower on a 200,000-home
        // plan just over the budget, ReportMapBenchmarks.)
        int last = ToleranceLadderMeters.Length - 1, chosen = 0;
        while (chosen < last && !FitsAt(chosen)) chosen++;
        if (!fitting.ContainsKey(chosen))
        {
            // The coarsest, drawn whatever its vertices.
            var simple = Simplify(outlines, ToleranceLadderMeters[chosen], parallel, long.MaxValue, out long vertices)!;
            fitting[chosen] = (simple, vertices);
        }

        var (result, total) = fitting[chosen];
        return (ToleranceLadderMeters[chosen], result[..placeCount], result[placeCount..], total);
    }

    /// <summary>The geometries simplified at a tolerance, or null as soon as their vertices are over the budget.</summary>
    private static Geometry[]? Simplify(Geometry[] geometries, double tolerance, ParallelOptions parallel, long budget, out long vertices)
    {
        var result = new Geometry[geometries.Length];
        long total = 0;
        var loop = Parallel.For(0, geometries.Length, parallel, (k, state) =>
        {
            if (state.ShouldExitCurrentIteration) return;
            var g = geometries[k];
            var simple = g.IsEmpty ? g : TopologyPreservingSimplifier.Simplify(g, tolerance);
            result[k] = simple;
            if (Interlocked.Add(ref total, simple.NumPoints) > budget) state.Stop();
        });
        vertices = total;
        return loop.IsCompleted && total <= budget ? result : null;
    }

    /// <summary>Writes the places and authorities as JSON for the map, script-safe (no raw <c>&lt;</c> or <c>&amp;</c>).</summary>
    internal static void WriteJson(TextWriter writer, PlacePlan plan, IReadOnlyList<string> colours, Layout layout)
    {
        var homes = plan.Homes;
        var projection = homes.Projection;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("homesTotal", homes.Count);
            w.WriteNumber("squares", layout.SquareCount);
            w.WriteNumber("finestCell", layout.FinestCellMeters);
            w.WriteNumber("placedCell", layout.PlacedCellMeters);
            w.WriteNumber("unplacedCell", layout.UnplacedCellMeters);
            w.WriteNumber("tolerance", layout.ToleranceMeters);
            w.WriteStartArray("groups");
            foreach (int g in layout.SquaresPerGroup) w.WriteNumberValue(g);
            w.WriteEndArray();
            w.WriteStartArray("places");
            for (int p = 0; p < plan.Places.Count; p++)
            {
                var place = plan.Places[p];
                w.WriteStartObject();
                w.WriteString("id", place.Id);
                w.WriteNumber("rank", place.Rank);
                w.WriteString("authority", place.Authority);
                w.WriteString("colour", colours[p]);
                if (place.Locked) w.WriteBoolean("locked", true);
                MapJson.WritePoint(w, "centre", new Coordinate(place.Score.CentreX, place.Score.CentreY), projection);
                w.WriteNumber("homes", place.Homes);
                w.WritePropertyName("o");
                WriteOutline(w, layout.PlaceOutlines[p], projection);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("authorities");
            for (int a = 0; a < plan.Territories.Authorities.Count; a++)
            {
                var area = plan.Territories.Authorities[a];
                w.WriteStartObject();
                w.WriteString("code", area.Authority);
                w.WriteBoolean("boundary", area.Source == Territories.AuthorityAreaSource.Boundary);
                var label = area.Area.IsEmpty ? null : area.Area.InteriorPoint;
                MapJson.WritePoint(w, "label", label is null || label.IsEmpty ? null : label.Coordinate, projection);
                w.WritePropertyName("o");
                WriteOutline(w, layout.AuthorityOutlines[a], projection);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }

    /// <summary>Writes an (already simplified) polygonal geometry as polygons of rings of integers: 10⁻⁵ degree lat, lng, the first pair absolute, then deltas.</summary>
    private static void WriteOutline(Utf8JsonWriter w, Geometry geometry, PlanarProjection projection) =>
        MapJson.WritePolygons(w, geometry, projection, static (w, lon, lat) =>
        {
            long plat = 0, plng = 0;
            bool first = true;
            for (int k = 0; k < lon.Length; k++)
            {
                long la = (long)Math.Round(lat[k] * OutlineUnits), lo = (long)Math.Round(lon[k] * OutlineUnits);
                if (!first && la == plat && lo == plng) continue;
                w.WriteNumberValue(la - plat);
                w.WriteNumberValue(lo - plng);
                (plat, plng, first) = (la, lo, false);
            }
        });

    /// <summary>Writes the squares as base64 (see the class remarks).</summary>
    internal static void WriteHomes(TextWriter writer, Layout layout) => writer.Write(Convert.ToBase64String(layout.Squares));

    /// <summary>Decodes the squares (what the page's script does): per square its group, latitude and longitude (degrees) and homes.</summary>
    internal static (int[] Group, double[] Lat, double[] Lng, int[] Homes) DecodeSquares(ReadOnlySpan<byte> bytes, IReadOnlyList<int> squaresPerGroup)
    {
        int n = squaresPerGroup.Sum(), at = 0, k = 0;
        var group = new int[n];
        var lat = new double[n];
        var lng = new double[n];
        var count = new int[n];
        long qlat = 0, qlng = 0;
        for (int g = 0; g < squaresPerGroup.Count; g++)
        {
            for (int j = 0; j < squaresPerGroup[g]; j++, k++)
            {
                qlat += Unzig(ReadVarint(bytes, ref at));
                qlng += Unzig(ReadVarint(bytes, ref at));
                (group[k], lat[k], lng[k], count[k]) = (g, qlat / SquareUnits, qlng / SquareUnits, (int)ReadVarint(bytes, ref at) + 1);
            }
        }

        if (at != bytes.Length) throw new InvalidDataException($"{bytes.Length - at} bytes left after {n} squares");
        return (group, lat, lng, count);
    }

    private static long Unzig(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong v = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[at++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return v;
        }
    }

    /// <summary>Counts the homes per group (place index, unplaced = places) on grids from the ladder and encodes the squares.</summary>
    /// <remarks>
    /// Placed and unplaced homes are listed once; each count of distinct cells and the final sums go through one
    /// <see cref="CellIndex"/> (unplaced cells tagged with bit 62, so keys of the two grids never meet). Squares are
    /// numbered by their first home and summed in input order, so the result does not depend on how cells are stored.
    /// </remarks>
    internal static (byte[] Bytes, int[] PerGroup, int[] HomesPerGroup, double Finest, double Placed, double Unplaced) Squares(PlacePlan plan, int maxSquares)
    {
        var homes = plan.Homes;
        int n = homes.Count, places = plan.Places.Count;
        var group = new int[n];
        Array.Fill(group, places);
        int placedCount = 0;
        for (int p = 0; p < places; p++)
        {
            var members = plan.HomesOf(p);
            foreach (int i in members) group[i] = p;
            placedCount += members.Length;
        }

        var placedHomes = new int[placedCount];
        var unplacedHomes = new int[n - placedCount];
        for (int i = 0, a = 0, b = 0; i < n; i++)
        {
            if (group[i] < places) placedHomes[a++] = i;
            else unplacedHomes[b++] = i;
        }

        double[] xs = homes.XArray, ys = homes.YArray;
        double minX = 0, minY = 0, maxX = 0, maxY = 0;
        if (n > 0) (minX, minY, maxX, maxY) = (double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);
        for (int i = 0; i < n; i++)
        {
            minX = Math.Min(minX, xs[i]);
            maxX = Math.Max(maxX, xs[i]);
            minY = Math.Min(minY, ys[i]);
            maxY = Math.Max(maxY, ys[i]);
        }

        // The finest cell whose grid (times the groups) fits a 62-bit key.
        int level = 0;
        while (level < CellLadderMeters.Length - 1 && !Fits(CellLadderMeters[level])) level++;
        bool Fits(double c) => ((Math.Floor((maxX - minX) / c) + 1) * (Math.Floor((maxY - minY) / c) + 1) * (places + 1.0)) < 4e18;
        Grid GridOf(double c) => new(minX, minY, c, (long)Math.Floor((maxX - minX) / c) + 1, (long)Math.Floor((maxY - minY) / c) + 1);

        int finest = level, last = CellLadderMeters.Length - 1, placedLevel = level, unplacedLevel = level;
        var cells = new CellIndex(16);
        var memo = new Dictionary<(bool, int), (int Count, bool Exact)>();

        // Distinct squares of the placed (or unplaced) homes on a grid, stopping early once over the budget (remembered).
        int Distinct(bool placed, int lv, int budget)
        {
            if (memo.TryGetValue((placed, lv), out var known) && (known.Exact || known.Count > budget)) return known.Count;
            var list = placed ? placedHomes : unplacedHomes;
            var grid = GridOf(CellLadderMeters[lv]);
            cells.Clear(Math.Min(list.Length, budget + 1));
            foreach (int i in list)
            {
                if (cells.Add(grid.Key(xs[i], ys[i], group[i])) && cells.Count > budget)
                {
                    memo[(placed, lv)] = (cells.Count, false);
                    return cells.Count;
                }
            }

            memo[(placed, lv)] = (cells.Count, true);
            return cells.Count;
        }

        // The coarsest grid the unplaced homes go to before the placed homes are thinned further.
        int Cap(int pl)
        {
            int cap = pl;
            while (cap < last && CellLadderMeters[cap + 1] <= Math.Max(MaxUnplacedCellMeters, CellLadderMeters[pl])) cap++;
            return cap;
        }

        bool Fit(int pl, int ul)
        {
            int p = Distinct(true, pl, maxSquares);
            return p <= maxSquares && p + (long)Distinct(false, ul, maxSquares - p) <= maxSquares;
        }

        if (!Fit(finest, finest))
        {
            // Thin the unplaced homes first (up to MaxUnplacedCellMeters), then the placed homes too: the finest placed
            // grid that fits with the unplaced homes at their cap, then the finest unplaced grid that fits with it.
            // Both counts only fall as a grid gets coarser, so each is a binary search.
            int lo = finest, hi = last;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (Fit(mid, Cap(mid))) hi = mid;
                else lo = mid + 1;
            }

            placedLevel = lo;
            int ulo = Math.Max(lo, finest + (lo == finest ? 1 : 0)), uhi = Math.Max(ulo, Cap(lo));
            while (ulo < uhi)
            {
                int mid = (ulo + uhi) / 2;
                if (Fit(lo, mid)) uhi = mid;
                else ulo = mid + 1;
            }

            unplacedLevel = ulo;
        }

        // One square a (group, cell): the centroid and count of its homes, summed in input order (deterministic sums),
        // numbered by first home.
        double cp = CellLadderMeters[placedLevel], cu = CellLadderMeters[unplacedLevel];
        Grid placedGrid = GridOf(cp), unplacedGrid = GridOf(cu);
        const long UnplacedTag = 1L << 62; // keys are below 4e18 < 2^62 (Fits)
        cells.Clear(Math.Min(n, maxSquares + places + 1));
        int capacity = Math.Max(16, Math.Min(n, maxSquares + places + 1)), m = 0;
        var sx = new double[capacity];
        var sy = new double[capacity];
        var cnt = new int[capacity];
        var sg = new int[capacity];
        for (int i = 0; i < n; i++)
        {
            int g = group[i];
            long key = g < places ? placedGrid.Key(xs[i], ys[i], g) : unplacedGrid.Key(xs[i], ys[i], g) | UnplacedTag;
            int s = cells.GetOrAdd(key);
            if (s == m)
            {
                if (m == sx.Length)
                {
                    capacity = sx.Length * 2;
                    Array.Resize(ref sx, capacity);
                    Array.Resize(ref sy, capacity);
                    Array.Resize(ref cnt, capacity);
                    Array.Resize(ref sg, capacity);
                }

                sg[m++] = g;
            }

            sx[s] += xs[i];
            sy[s] += ys[i];
            cnt[s]++;
        }

        var lon = new double[m];
        var lat = new double[m];
        for (int s = 0; s < m; s++) (lon[s], lat[s]) = (sx[s] / cnt[s], sy[s] / cnt[s]);
        homes.Projection.ToWgs84(lon, lat);
        var order = new SquareOrder[m];
        for (int s = 0; s < m; s++) order[s] = new SquareOrder(sg[s], (long)Math.Round(lat[s] * SquareUnits), (long)Math.Round(lon[s] * SquareUnits), cnt[s], s);
        Array.Sort(order); // a tie on everything drawn: by first home, still deterministic

        var perGroup = new int[places + 1];
        var homesPerGroup = new int[places + 1];
        var bytes = new byte[(m * 8) + 32];
        int at = 0;
        long plat = 0, plng = 0;
        foreach (var q in order)
        {
            if (at + 30 > bytes.Length) Array.Resize(ref bytes, bytes.Length * 2);
            perGroup[q.Group]++;
            homesPerGroup[q.Group] += q.Count;
            WriteVarint(bytes, ref at, Zig(q.Lat - plat));
            WriteVarint(bytes, ref at, Zig(q.Lng - plng));
            WriteVarint(bytes, ref at, (ulong)(q.Count - 1));
            (plat, plng) = (q.Lat, q.Lng);
        }

        return (bytes[..at], perGroup, homesPerGroup, CellLadderMeters[finest], cp, cu);
    }

    /// <summary>A grid of square cells over the plan's extent: a home's cell as one key per group.</summary>
    private readonly record struct Grid(double MinX, double MinY, double Cell, long Width, long Height)
    {
        internal long Key(double x, double y, int group) =>
            (((group * Height) + (long)Math.Floor((y - MinY) / Cell)) * Width) + (long)Math.Floor((x - MinX) / Cell);
    }

    /// <summary>A square's place in the encoding: by group, latitude, longitude, count, then first home.</summary>
    private readonly record struct SquareOrder(int Group, long Lat, long Lng, int Count, int Index) : IComparable<SquareOrder>
    {
        public int CompareTo(SquareOrder other)
        {
            int c = Group.CompareTo(other.Group);
            if (c == 0) c = Lat.CompareTo(other.Lat);
            if (c == 0) c = Lng.CompareTo(other.Lng);
            if (c == 0) c = Count.CompareTo(other.Count);
            return c == 0 ? Index.CompareTo(other.Index) : c;
        }
    }

    private static ulong Zig(long v) => (ulong)((v << 1) ^ (v >> 63));

    private static void WriteVarint(byte[] bytes, ref int at, ulong v)
    {
        while (v >= 0x80)
        {
            bytes[at++] = (byte)(v | 0x80);
            v >>= 7;
        }

        bytes[at++] = (byte)v;
    }

    /// <summary>An embedded map asset as text: <c>placekit-map.js</c>, <c>leaflet.js</c>, <c>leaflet.css</c> or <c>LICENSE</c> (Leaflet's).</summary>
    internal static string Asset(string name)
    {
        using var stream = typeof(ReportMapData).Assembly.GetManifestResourceStream("PlaceKit.Map/" + name)
            ?? throw new InvalidOperationException($"the map asset '{name}' is missing from the PlaceKit assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
