using System.Numerics;
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
        var (squares, perGroup, homesPerGroup, finest, placedCell, unplacedCell) = Squares(plan, limits.MaxSquares, () => HomeLonLat.Shared(plan.Homes));
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

        WriteUtf8(writer, stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    /// <summary>Writes UTF-8 bytes to a text writer a block at a time, without one string of them all.</summary>
    private static void WriteUtf8(TextWriter writer, ReadOnlySpan<byte> utf8)
    {
        var decoder = System.Text.Encoding.UTF8.GetDecoder();
        var chars = new char[1 << 14];
        while (true)
        {
            decoder.Convert(utf8, chars, flush: true, out int used, out int written, out bool completed);
            writer.Write(chars, 0, written);
            utf8 = utf8[used..];
            if (completed && utf8.IsEmpty) return;
        }
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
    internal static void WriteHomes(TextWriter writer, Layout layout)
    {
        // A block at a time (a multiple of 3 bytes, so the blocks' base64 joins into the whole's), not one string of it all.
        const int Block = 3 << 12;
        var chars = new char[Block / 3 * 4];
        var bytes = layout.Squares.AsSpan();
        for (int at = 0; at < bytes.Length; at += Block)
        {
            Convert.TryToBase64Chars(bytes.Slice(at, Math.Min(Block, bytes.Length - at)), chars, out int written);
            writer.Write(chars, 0, written);
        }
    }

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
    /// Each group is counted and summed on its own: a place's homes (<see cref="PlacePlan.HomesOf(int)"/>, in input
    /// order) go through a small <see cref="CellIndex"/> that stays in cache, then the unplaced homes through one of
    /// their own. The finest grid is tried first with the sums taken as it counts, so a plan that fits it (the usual
    /// case) hashes each home once. When it does not, the grid search counts cells over each group's points gathered
    /// once into columns (<see cref="GroupPoints"/>), and the sums are taken again on the grids chosen. Homes are summed in input order within their square, so each centroid is the same
    /// bits as a sum over all homes in input order; squares are sorted within their group by position (a packed key)
    /// then count, then first home, the order of the first version (kept as the reference in ReportMapDataTests).
    /// </remarks>
    internal static (byte[] Bytes, int[] PerGroup, int[] HomesPerGroup, double Finest, double Placed, double Unplaced) Squares(PlacePlan plan, int maxSquares) =>
        Squares(plan, maxSquares, null);

    /// <summary>The squares, taking a square's longitude and latitude from <paramref name="sharedLonLat"/> when its centroid is exactly its first home's point.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="maxSquares">The most squares drawn (see <see cref="ReportMapLimits.MaxSquares"/>).</param>
    /// <param name="sharedLonLat">
    /// The homes' points already projected for another output of the same export (<see cref="HomeLonLat.Shared"/>), or
    /// null (or returning null) to project every square here. Asked only when some homes are counted on the finest grid,
    /// where a square usually holds the homes of one point. The projection maps each point on its own, so the bytes are
    /// the same either way.
    /// </param>
    internal static (byte[] Bytes, int[] PerGroup, int[] HomesPerGroup, double Finest, double Placed, double Unplaced) Squares(
        PlacePlan plan, int maxSquares, Func<HomeLonLat?>? sharedLonLat)
    {
        var homes = plan.Homes;
        int n = homes.Count, places = plan.Places.Count;
        var placeOf = plan.PlaceIndexOfHome;
        int unplacedCount = 0;
        foreach (int p in placeOf) unplacedCount += p < 0 ? 1 : 0;
        var unplacedHomes = new int[unplacedCount];
        for (int i = 0, b = 0; b < unplacedCount; i++)
        {
            if (placeOf[i] < 0) unplacedHomes[b++] = i;
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

        // The finest cell whose grid (times the groups) fits a 62-bit key (the first version's keys held the group).
        int level = 0;
        while (level < CellLadderMeters.Length - 1 && !Fits(CellLadderMeters[level])) level++;
        bool Fits(double c) => ((Math.Floor((maxX - minX) / c) + 1) * (Math.Floor((maxY - minY) / c) + 1) * (places + 1.0)) < 4e18;
        Grid GridOf(double c) => new(minX, minY, c, (long)Math.Floor((maxX - minX) / c) + 1);
        ReadOnlySpan<int> Members(int g) => g < places ? plan.HomesOf(g) : unplacedHomes;

        int finest = level, last = CellLadderMeters.Length - 1, placedLevel = level, unplacedLevel = level;
        var cells = new CellIndex(16);
        var memo = new Dictionary<(bool, int), (int Count, bool Exact)>();

        // Distinct squares of the placed (or unplaced) homes on a grid, stopping early once over the budget (remembered).
        // Counted over each group's distinct points (homes on one point always share a cell), gathered once.
        GroupPoints? points = null;
        int Distinct(bool placed, int lv, int budget)
        {
            if (memo.TryGetValue((placed, lv), out var known) && (known.Exact || known.Count > budget)) return known.Count;
            var grid = GridOf(CellLadderMeters[lv]);
            points ??= GroupPoints.Of(Members, places + 1, xs, ys);
            int total = 0;
            for (int g = placed ? 0 : places, end = placed ? places : places + 1; g < end; g++)
            {
                int count = points.CountCells(g, grid, cells, budget - total);
                total += count;
                if (total > budget)
                {
                    memo[(placed, lv)] = (total, false);
                    return total;
                }
            }

            memo[(placed, lv)] = (total, true);
            return total;
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

        // One square a (group, cell): the centroid and count of its homes, summed in input order (deterministic sums).
        // The finest grid first, summed as it is counted: if every home fits there, that is the answer.
        var sums = new SquareSums(Math.Max(16, Math.Min(n, maxSquares + places + 1)), places + 1);
        var finestGrid = GridOf(CellLadderMeters[finest]);
        if (!sums.Collect(Members, places, finestGrid, finestGrid, xs, ys, cells, maxSquares, out int placedSquares))
        {
            // Over the budget: what the count on the finest grid showed, as Fit(finest, finest) would have found it.
            if (placedSquares > maxSquares) memo[(true, finest)] = (placedSquares, false);
            else
            {
                memo[(true, finest)] = (placedSquares, true);
                memo[(false, finest)] = (maxSquares - placedSquares + 1, false);
            }

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
            sums.Collect(Members, places, GridOf(CellLadderMeters[placedLevel]), GridOf(CellLadderMeters[unplacedLevel]), xs, ys, cells, int.MaxValue, out _);
        }

        var shared = placedLevel == finest || unplacedLevel == finest ? sharedLonLat?.Invoke() : null;
        sums.Project(homes, shared);
        var (bytes, perGroup, homesPerGroup) = sums.Encode();
        return (bytes, perGroup, homesPerGroup, CellLadderMeters[finest], CellLadderMeters[placedLevel], CellLadderMeters[unplacedLevel]);
    }

    /// <summary>Homes' coordinates gathered by index a chunk at a time, in a loop of loads only (many cache misses in flight at once).</summary>
    private const int GatherChunk = 256;

    /// <summary>Homes de-duplicated together in <see cref="GroupPoints"/>: a table of 64 KB.</summary>
    private const int DedupeWindow = 8192;

    /// <summary>Copies the homes' coordinates (and, with a grid, their cells) into the chunk buffers.</summary>
    private static void Gather(ReadOnlySpan<int> chunk, double[] xs, double[] ys, Grid grid, Span<double> bx, Span<double> by, Span<long> keys)
    {
        for (int k = 0; k < chunk.Length; k++)
        {
            int i = chunk[k];
            (bx[k], by[k]) = (xs[i], ys[i]);
        }

        for (int k = 0; k < chunk.Length; k++) keys[k] = grid.Key(bx[k], by[k]);
    }

    /// <summary>
    /// The points of each group's homes (duplicates dropped within windows of <see cref="DedupeWindow"/> homes), group
    /// after group in one pair of columns: what the grid search counts cells of (homes on one point always share a cell,
    /// and a point listed twice adds no cell), read in order instead of gathering every home's coordinates by index on
    /// each pass. Built only when the finest grid does not fit; 16 bytes a home while the search runs.
    /// </summary>
    private sealed class GroupPoints
    {
        private readonly double[] _x;
        private readonly double[] _y;
        private readonly int[] _start;

        private GroupPoints(double[] x, double[] y, int[] start) => (_x, _y, _start) = (x, y, start);

        /// <summary>Each group's distinct points (matched on their exact bits), in order of their first home.</summary>
        internal static GroupPoints Of(Func<int, ReadOnlySpan<int>> members, int groups, double[] xs, double[] ys)
        {
            int n = xs.Length;
            var result = new GroupPoints(new double[n], new double[n], new int[groups + 1]); // at most a point a home
            int[] table = [];
            int count = 0;
            Span<double> bx = stackalloc double[GatherChunk];
            Span<double> by = stackalloc double[GatherChunk];
            for (int g = 0; g < groups; g++)
            {
                result._start[g] = count;
                var list = members(g);

                // A window of homes at a time (a place is one window; the unplaced homes, many): duplicates are dropped
                // within a window, where the table stays in cache. A point kept twice costs a little time, never a count.
                for (int w = 0; w < list.Length; w += DedupeWindow)
                {
                    var window = list.Slice(w, Math.Min(DedupeWindow, list.Length - w));

                    // Linear probing at a load of at most 1/2; a slot holds 1 + the point's offset in the window, 0 when empty.
                    int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, window.Length * 2));
                    if (table.Length < size) table = new int[size];
                    else Array.Clear(table, 0, size);
                    int bits = BitOperations.Log2((uint)size), mask = size - 1, start = count;
                    for (int c = 0; c < window.Length; c += GatherChunk)
                    {
                        var chunk = window.Slice(c, Math.Min(GatherChunk, window.Length - c));
                        for (int k = 0; k < chunk.Length; k++) (bx[k], by[k]) = (xs[chunk[k]], ys[chunk[k]]);
                        for (int k = 0; k < chunk.Length; k++)
                        {
                            double x = bx[k], y = by[k];
                            long xb = BitConverter.DoubleToInt64Bits(x), yb = BitConverter.DoubleToInt64Bits(y);
                            int slot = (int)(((((ulong)xb * 0x9E3779B97F4A7C15UL) ^ (ulong)yb) * 0xBF58476D1CE4E5B9UL) >> (64 - bits));
                            while (true)
                            {
                                int entry = table[slot];
                                if (entry == 0)
                                {
                                    (result._x[count], result._y[count]) = (x, y);
                                    table[slot] = ++count - start;
                                    break;
                                }

                                int at = start + entry - 1;
                                if (BitConverter.DoubleToInt64Bits(result._x[at]) == xb && BitConverter.DoubleToInt64Bits(result._y[at]) == yb) break;
                                slot = (slot + 1) & mask;
                            }
                        }
                    }
                }
            }

            result._start[groups] = count;
            return result;
        }

        /// <summary>Distinct cells of the group's points on the grid, stopping once over the budget (then any count above it).</summary>
        internal int CountCells(int group, Grid grid, CellIndex cells, int budget)
        {
            int a = _start[group], b = _start[group + 1];
            cells.Clear((int)Math.Min(b - a, budget + 1L));
            for (int k = a; k < b; k++)
            {
                if (cells.Add(grid.Key(_x[k], _y[k])) && cells.Count > budget) break;
            }

            return cells.Count;
        }
    }

    /// <summary>A grid of square cells over the plan's extent: a home's cell as one key (within one group).</summary>
    private readonly record struct Grid(double MinX, double MinY, double Cell, long Width)
    {
        internal long Key(double x, double y) => ((long)Math.Floor((y - MinY) / Cell) * Width) + (long)Math.Floor((x - MinX) / Cell);
    }

    /// <summary>The squares of one choice of grids: per square its homes' summed coordinates, count and first home, groups in order.</summary>
    private sealed class SquareSums(int capacity, int groups)
    {
        private double[] _x = new double[capacity];
        private double[] _y = new double[capacity];
        private int[] _count = new int[capacity];
        private int[] _first = new int[capacity];
        private readonly int[] _groupStart = new int[groups + 1];
        private int _squares;

        /// <summary>Sums the homes of each group (places on one grid, the unplaced group on another); false, with the placed squares so far, as soon as there are more than <paramref name="budget"/> squares.</summary>
        internal bool Collect(Func<int, ReadOnlySpan<int>> members, int places, Grid placedGrid, Grid unplacedGrid, double[] xs, double[] ys,
            CellIndex cells, int budget, out int placedSquares)
        {
            Array.Clear(_x, 0, _squares);
            Array.Clear(_y, 0, _squares);
            Array.Clear(_count, 0, _squares);
            _squares = 0;
            placedSquares = 0;
            for (int g = 0; g <= places; g++)
            {
                if (g == places) placedSquares = _squares;
                _groupStart[g] = _squares;
                if (!CollectGroup(members(g), g < places ? placedGrid : unplacedGrid, xs, ys, cells, budget))
                {
                    if (g < places) placedSquares = budget + 1; // the square that did not fit was a placed one
                    return false;
                }
            }

            _groupStart[places + 1] = _squares;
            return true;
        }

        private bool CollectGroup(ReadOnlySpan<int> members, Grid grid, double[] xs, double[] ys, CellIndex cells, int budget)
        {
            int start = _squares;
            cells.Clear((int)Math.Min(members.Length, budget - (long)start + 1));
            Span<double> bx = stackalloc double[GatherChunk];
            Span<double> by = stackalloc double[GatherChunk];
            Span<long> keys = stackalloc long[GatherChunk];
            for (int c = 0; c < members.Length; c += GatherChunk)
            {
                var chunk = members.Slice(c, Math.Min(GatherChunk, members.Length - c));
                Gather(chunk, xs, ys, grid, bx, by, keys);
                for (int k = 0; k < chunk.Length; k++)
                {
                    int s = start + cells.GetOrAdd(keys[k]);
                    if (s == _squares)
                    {
                        if (s >= budget) return false;
                        if (s == _x.Length) Grow();
                        _first[s] = chunk[k];
                        _squares++;
                    }

                    _x[s] += bx[k];
                    _y[s] += by[k];
                    _count[s]++;
                }
            }

            return true;
        }

        private void Grow()
        {
            int capacity = _x.Length * 2;
            Array.Resize(ref _x, capacity);
            Array.Resize(ref _y, capacity);
            Array.Resize(ref _count, capacity);
            Array.Resize(ref _first, capacity);
        }

        /// <summary>Replaces the sums by the squares' WGS84 longitude (x) and latitude (y): each centroid projected, or taken from <paramref name="shared"/> when it is exactly its first home's point.</summary>
        internal void Project(HomeSet homes, HomeLonLat? shared)
        {
            int m = _squares;
            var x = _x.AsSpan(0, m);
            var y = _y.AsSpan(0, m);
            for (int s = 0; s < m; s++) (x[s], y[s]) = (x[s] / _count[s], y[s] / _count[s]);
            if (shared is null)
            {
                homes.Projection.ToWgs84(x, y);
                return;
            }

            double[] hx = homes.XArray, hy = homes.YArray;
            var rest = new List<int>();
            for (int s = 0; s < m; s++)
            {
                int f = _first[s];
                if (BitConverter.DoubleToInt64Bits(x[s]) == BitConverter.DoubleToInt64Bits(hx[f]) && BitConverter.DoubleToInt64Bits(y[s]) == BitConverter.DoubleToInt64Bits(hy[f]))
                {
                    (x[s], y[s]) = (shared.Longitude(f), shared.Latitude(f));
                }
                else
                {
                    rest.Add(s);
                }
            }

            if (rest.Count == 0) return;
            var rx = new double[rest.Count];
            var ry = new double[rest.Count];
            for (int k = 0; k < rest.Count; k++) (rx[k], ry[k]) = (x[rest[k]], y[rest[k]]);
            homes.Projection.ToWgs84(rx, ry);
            for (int k = 0; k < rest.Count; k++) (x[rest[k]], y[rest[k]]) = (rx[k], ry[k]);
        }

        /// <summary>The squares (projected) as varints, sorted within each group by latitude, longitude, count, then first home.</summary>
        internal (byte[] Bytes, int[] PerGroup, int[] HomesPerGroup) Encode()
        {
            int m = _squares, groups = _groupStart.Length - 1;
            var perGroup = new int[groups];
            var homesPerGroup = new int[groups];
            var bytes = new byte[(m * 8) + 32];
            var keys = new ulong[m];
            var order = new int[m];
            int at = 0;
            long plat = 0, plng = 0;
            for (int g = 0; g < groups; g++)
            {
                int a = _groupStart[g], length = _groupStart[g + 1] - a;
                perGroup[g] = length;
                if (length == 0) continue;
                long minLat = long.MaxValue, minLng = long.MaxValue, maxLat = long.MinValue, maxLng = long.MinValue;
                for (int s = a; s < a + length; s++)
                {
                    long la = Lat(s), lo = Lng(s);
                    (minLat, maxLat, minLng, maxLng) = (Math.Min(minLat, la), Math.Max(maxLat, la), Math.Min(minLng, lo), Math.Max(maxLng, lo));
                    homesPerGroup[g] += _count[s];
                }

                long latSpan = unchecked(maxLat - minLat), lngSpan = unchecked(maxLng - minLng);
                if (latSpan is >= 0 and <= uint.MaxValue && lngSpan is >= 0 and <= uint.MaxValue)
                {
                    // Position packed into one key and sorted as numbers; a run of equal positions by count, then first home.
                    for (int s = a; s < a + length; s++)
                    {
                        keys[s] = ((ulong)(Lat(s) - minLat) << 32) | (ulong)(Lng(s) - minLng);
                        order[s] = s;
                    }

                    Array.Sort(keys, order, a, length);
                    for (int r = a; r < a + length;)
                    {
                        int e = r + 1;
                        while (e < a + length && keys[e] == keys[r]) e++;
                        if (e - r > 1) SortByCountThenFirst(order.AsSpan(r, e - r));
                        r = e;
                    }
                }
                else
                {
                    var group = new SquareOrder[length];
                    for (int s = a; s < a + length; s++) group[s - a] = new SquareOrder(g, Lat(s), Lng(s), _count[s], s);
                    Array.Sort(group);
                    for (int k = 0; k < length; k++) order[a + k] = group[k].Index;
                }

                for (int k = a; k < a + length; k++)
                {
                    int s = order[k];
                    long la = Lat(s), lo = Lng(s);
                    if (at + 30 > bytes.Length) Array.Resize(ref bytes, bytes.Length * 2);
                    WriteVarint(bytes, ref at, Zig(la - plat));
                    WriteVarint(bytes, ref at, Zig(lo - plng));
                    WriteVarint(bytes, ref at, (ulong)(_count[s] - 1));
                    (plat, plng) = (la, lo);
                }
            }

            return (bytes[..at], perGroup, homesPerGroup);
        }

        /// <summary>Squares at one position (a handful at most): by count, then first home (insertion sort).</summary>
        private void SortByCountThenFirst(Span<int> run)
        {
            for (int k = 1; k < run.Length; k++)
            {
                int s = run[k], j = k - 1;
                while (j >= 0 && (_count[run[j]] > _count[s] || (_count[run[j]] == _count[s] && run[j] > s)))
                {
                    run[j + 1] = run[j];
                    j--;
                }

                run[j + 1] = s;
            }
        }

        private long Lat(int s) => (long)Math.Round(_y[s] * SquareUnits);

        private long Lng(int s) => (long)Math.Round(_x[s] * SquareUnits);
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
