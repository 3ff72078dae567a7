using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Tests.Export;

/// <summary>
/// The report map's square counting and outline search (issue 17: made faster). The squares must be byte for byte what
/// the earlier HashSet/Dictionary version gave (kept below as the reference); the outlines at the finest tolerance that
/// fits the vertex budget, as the earlier full scan chose.
/// </summary>
public sealed class ReportMapDataTests
{
    /// <summary>Keys numbered by first insertion, as a Dictionary numbers them: duplicates, huge keys, growth from a small start, reuse after Clear.</summary>
    [Property(MaxTest = 200)]
    public Property CellIndex_NumbersKeysByFirstInsertion_LikeADictionary() =>
        Prop.ForAll(
            Gen.Choose(0, 3).SelectMany(shape => Gen.Choose(1, 5000).SelectMany(n => Gen.Choose(0, 64).SelectMany(hint =>
                Gen.Choose(int.MinValue, int.MaxValue).Select(seed => (shape, n, hint, seed))))).ToArbitrary(),
            t =>
            {
                var rng = new Random(t.seed);
                long Next() => t.shape switch
                {
                    0 => rng.Next(0, 50),                              // many duplicates
                    1 => rng.NextInt64(0, 1L << 62),                   // the whole key range
                    2 => (rng.NextInt64(0, 40) << 40) + rng.Next(0, 8), // keys that differ in high bits only
                    _ => rng.Next(0, 4) * 1_000_003L,                   // a few keys far apart
                };
                var index = new CellIndex(t.hint);
                for (int round = 0; round < 2; round++)
                {
                    var reference = new Dictionary<long, int>();
                    for (int k = 0; k < t.n; k++)
                    {
                        long key = Next();
                        bool isNew = !reference.ContainsKey(key);
                        int expected = isNew ? reference[key] = reference.Count : reference[key];
                        if (k % 2 == 1)
                        {
                            if (index.Add(key) != isNew) return false.Label($"round {round}, key {k}: Add said {!isNew}");
                        }
                        else if (index.GetOrAdd(key) is int got && got != expected)
                        {
                            return false.Label($"round {round}, key {k}: {got} != {expected}");
                        }

                        if (index.Count != reference.Count) return false.Label($"round {round}, key {k}: count {index.Count} != {reference.Count}");
                    }

                    foreach (var (key, number) in reference)
                    {
                        if (index.GetOrAdd(key) != number) return false.Label($"round {round}: {key} lost its number {number}");
                    }

                    index.Clear(t.hint);
                    if (index.Count != 0) return false.Label("Clear");
                }

                return true.ToProperty();
            });

    [Fact]
    public void CellIndex_Add_TrueOnlyTheFirstTime()
    {
        var index = new CellIndex(1);
        Assert.True(index.Add(0));
        Assert.True(index.Add((1L << 62) + 5));
        Assert.False(index.Add(0));
        Assert.True(index.Add(7));
        Assert.False(index.Add((1L << 62) + 5));
        Assert.Equal(3, index.Count);
        Assert.Equal(1, index.GetOrAdd((1L << 62) + 5));
    }

    /// <summary>
    /// Shaped stocks (clumped, 1 in 7 homes on a 50 m lattice, duplicates, 1-6 authorities) under random square limits:
    /// the squares (bytes, counts per group, grids) are exactly what the earlier version gave.
    /// </summary>
    [Property(MaxTest = 30)]
    public Property Squares_AnyStockAndLimit_SameBytesAsTheEarlierVersion() =>
        Prop.ForAll(
            Gen.Choose(1, 9).SelectMany(seed => Gen.Choose(300, 3000).SelectMany(n => Gen.Choose(1, 6).SelectMany(a =>
                Gen.Choose(0, 2).SelectMany(dup => Gen.Choose(1, 4000).Select(max => (seed, n, a, dup, max)))))).ToArbitrary(),
            t =>
            {
                var plan = ShapedPlan(t.seed, t.n, t.a, t.dup);
                var before = ReferenceSquares(plan, t.max);
                return SameSquares(ReportMapData.Squares(plan, t.max), before, $"n={t.n} a={t.a} dup={t.dup} max={t.max}, own projection")
                    .And(SameSquares(ReportMapData.Squares(plan, t.max, () => HomeLonLat.Of(plan.Homes)), before, $"n={t.n} a={t.a} dup={t.dup} max={t.max}, shared projection"));
            });

    /// <summary>
    /// Homes on decimetres, stacked on shared points (flats: 1 to 7 homes a point, every fourth 0.3 m off), so most
    /// squares hold one point and take its shared projection, and some (3, 5, 6, 7 homes of one point, or two points)
    /// have a mean that is not the first home's bits and are projected: the squares are the reference's, with and
    /// without the shared projection.
    /// </summary>
    [Property(MaxTest = 25)]
    public Property Squares_StackedHomes_SharedProjection_SameBytes() =>
        Prop.ForAll(
            Gen.Choose(1, 99).SelectMany(seed => Gen.Choose(200, 3000).SelectMany(n => Gen.Choose(1, 5).SelectMany(a =>
                Gen.Choose(1, 7).SelectMany(stack => Gen.Choose(1, 5000).Select(max => (seed, n, a, stack, max)))))).ToArbitrary(),
            t =>
            {
                var stock = SampleStock.Generate(t.n, t.a, t.seed);
                var rng = new Random(t.seed);
                var homes = new List<Home>(stock.Count);
                for (int i = 0; i < stock.Count;)
                {
                    int k = rng.Next(1, t.stack + 1);
                    for (int j = 0; j < k && i < stock.Count; j++, i++)
                    {
                        var first = stock[i - j];
                        homes.Add(stock[i] with { X = Math.Round(first.X, 1), Y = Math.Round(first.Y, 1) + (j % 4 == 3 ? 0.3 : 0), Authority = first.Authority });
                    }
                }

                var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 50 }, Trimming = { MinHomes = 15 } }).Define(HomeSet.Create(homes));
                var before = ReferenceSquares(plan, t.max);
                return SameSquares(ReportMapData.Squares(plan, t.max, () => HomeLonLat.Of(plan.Homes)), before, $"n={t.n} a={t.a} stack={t.stack} max={t.max}, shared")
                    .And(SameSquares(ReportMapData.Squares(plan, t.max), before, $"n={t.n} a={t.a} stack={t.stack} max={t.max}, own"));
            });

    /// <summary>
    /// At scale (150,000 homes in 40 authorities, default options), under limits that fit every home, that need the
    /// unplaced homes thinned, that need the placed homes thinned too, and that nothing fits: the squares are the
    /// reference's byte for byte, with and without a shared projection.
    /// </summary>
    [Fact]
    public void Squares_AtScale_EveryLimitRegime_SameBytesAsTheReference()
    {
        var stock = SampleStock.Generate(150_000, 40, 7);
        var homes = HomeSet.Create(stock.Select((h, i) => i % 3 == 0 ? h with { X = Math.Round(h.X), Y = Math.Round(h.Y) } : h));
        var plan = PlaceDefiner.Create(new PlaceKitOptions { MaxDegreeOfParallelism = 2, Clustering = { TargetSize = 300 } }).Define(homes);
        var all = ReferenceSquares(plan, int.MaxValue);
        int squares = all.PerGroup.Sum(), unplacedSquares = all.PerGroup[^1];
        Assert.True(unplacedSquares > 1000, $"the stock should leave homes unplaced ({unplacedSquares} unplaced squares)");
        Assert.True(plan.Unplaced.Count > 2 * 8192, $"the unplaced homes should span several de-duplication windows ({plan.Unplaced.Count})");
        foreach (int max in (int[])[squares, squares - 1, squares - (unplacedSquares / 2), squares - unplacedSquares, squares / 3, 2_000, 1])
        {
            var before = ReferenceSquares(plan, max);
            Assert.True(Equal(ReportMapData.Squares(plan, max), before), $"max {max}, own");
            Assert.True(Equal(ReportMapData.Squares(plan, max, () => HomeLonLat.Of(plan.Homes)), before), $"max {max}, shared");
        }
    }

    /// <summary>While an export shares the homes' projection, every writer gets the same one; after it, none; a second share of the same homes defers to the first.</summary>
    [Fact]
    public void HomeLonLat_Share_OneProjectionForTheExport()
    {
        var homes = HomeSet.Create(SampleStock.Generate(500, 2, 3));
        Assert.Null(HomeLonLat.Shared(homes));
        using (var share = HomeLonLat.Share(homes))
        {
            Assert.NotNull(share);
            var first = HomeLonLat.Shared(homes);
            Assert.NotNull(first);
            Assert.Same(first, HomeLonLat.For(homes));
            Assert.Null(HomeLonLat.Share(homes));
            Assert.Same(first, HomeLonLat.Shared(homes));
        }

        Assert.Null(HomeLonLat.Shared(homes));
        Assert.NotNull(HomeLonLat.For(homes));
    }

    private static bool Equal(
        (byte[] Bytes, int[] PerGroup, int[] HomesPerGroup, double Finest, double Placed, double Unplaced) now,
        (byte[] Bytes, int[] PerGroup, int[] HomesPerGroup, double Finest, double Placed, double Unplaced) before) =>
        now.Bytes.AsSpan().SequenceEqual(before.Bytes) && now.PerGroup.SequenceEqual(before.PerGroup) && now.HomesPerGroup.SequenceEqual(before.HomesPerGroup)
        && now.Placed == before.Placed && now.Unplaced == before.Unplaced && now.Finest == before.Finest;

    private static Property SameSquares(
        (byte[] Bytes, int[] PerGroup, int[] HomesPerGroup, double Finest, double Placed, double Unplaced) now,
        (byte[] Bytes, int[] PerGroup, int[] HomesPerGroup, double Finest, double Placed, double Unplaced) before, string what) =>
        Equal(now, before).Label($"{what}: {now.Bytes.Length} vs {before.Bytes.Length} bytes, cells {now.Placed}/{now.Unplaced} vs {before.Placed}/{before.Unplaced}");

    /// <summary>
    /// Under random vertex budgets: the outlines are each territory and area simplified at the chosen tolerance; the
    /// chosen tolerance fits the budget (or is the coarsest) and every finer one is over it.
    /// </summary>
    [Property(MaxTest = 20)]
    public Property Outlines_AnyBudget_FinestFittingTolerance() =>
        Prop.ForAll(
            Gen.Choose(1, 9).SelectMany(seed => Gen.Choose(300, 2500).SelectMany(n => Gen.Choose(1, 5).SelectMany(a =>
                Gen.Choose(0, 100).Select(share => (seed, n, a, share))))).ToArbitrary(),
            t =>
            {
                var plan = ShapedPlan(t.seed, t.n, t.a, 0);
                var all = plan.Territories.Places.Select(p => p.Territory).Concat(plan.Territories.Authorities.Select(a => a.Area)).ToArray();
                long VerticesAt(double tolerance) => all.Sum(g => (long)Simplified(g, tolerance).NumPoints);
                long finest = VerticesAt(ReportMapData.ToleranceLadderMeters[0]), coarsest = VerticesAt(ReportMapData.ToleranceLadderMeters[^1]);
                int budget = (int)(coarsest + ((finest - coarsest) * t.share / 100.0)) + (t.share == 0 ? -1 : 0); // share 0: nothing fits
                var (tolerance, places, areas, vertices) = ReportMapData.Outlines(plan, budget);
                int level = Array.IndexOf(ReportMapData.ToleranceLadderMeters, tolerance);
                var drawn = places.Concat(areas).ToArray();
                bool same = drawn.Length == all.Length && Enumerable.Range(0, all.Length).All(k => drawn[k].EqualsExact(Simplified(all[k], tolerance)));
                bool fits = vertices <= budget || level == ReportMapData.ToleranceLadderMeters.Length - 1;
                bool finerDoesNot = Enumerable.Range(0, Math.Max(level, 0)).All(l => VerticesAt(ReportMapData.ToleranceLadderMeters[l]) > budget);
                return (level >= 0 && same && vertices == drawn.Sum(g => (long)g.NumPoints) && fits && finerDoesNot)
                    .Label($"budget {budget} (finest {finest}, coarsest {coarsest}): {tolerance} m, {vertices} vertices; same {same}, fits {fits}, finer over {finerDoesNot}");
            });

    [Fact]
    public void Outlines_BudgetMet_AtTheStudiosTolerance_IsOnePass_WithTheSameOutlines()
    {
        var plan = ShapedPlan(3, 2000, 3, 0);
        var (tolerance, places, _, vertices) = ReportMapData.Outlines(plan, int.MaxValue);
        Assert.Equal(MapJson.SimplifyMeters, tolerance);
        Assert.Equal(plan.Places.Count, places.Length);
        for (int p = 0; p < places.Length; p++) Assert.True(places[p].EqualsExact(Simplified(plan.Territories.Places[p].Territory, tolerance)));
        Assert.True(vertices > 0);
    }

    private static Geometry Simplified(Geometry g, double tolerance) => g.IsEmpty ? g : TopologyPreservingSimplifier.Simplify(g, tolerance);

    private static PlacePlan ShapedPlan(int seed, int n, int authorities, int duplicates)
    {
        var stock = SampleStock.Generate(n, authorities, seed);
        var homes = HomeSet.Create(stock.Select((h, i) =>
            i % 7 == 0 ? h with { X = Math.Round(h.X / 50) * 50, Y = Math.Round(h.Y / 50) * 50 }
            : duplicates > 0 && i % (duplicates * 3) == 1 ? h with { X = stock[i - 1].X, Y = stock[i - 1].Y }
            : h));
        return PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 60 }, Trimming = { MinHomes = 20 } }).Define(homes);
    }

    /// <summary>The squares as the first version of the grid report computed them (HashSet and Dictionary of cell keys, a comparison sort): the reference.</summary>
    private static (byte[] Bytes, int[] PerGroup, int[] HomesPerGroup, double Finest, double Placed, double Unplaced) ReferenceSquares(PlacePlan plan, int maxSquares)
    {
        var ladder = ReportMapData.CellLadderMeters;
        var homes = plan.Homes;
        int n = homes.Count, places = plan.Places.Count;
        var group = new int[n];
        Array.Fill(group, places);
        for (int p = 0; p < places; p++)
        {
            foreach (int i in plan.HomesOf(p)) group[i] = p;
        }

        double[] xs = homes.X.ToArray(), ys = homes.Y.ToArray();
        double minX = 0, minY = 0, maxX = 0, maxY = 0;
        if (n > 0) (minX, minY, maxX, maxY) = (double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);
        for (int i = 0; i < n; i++)
        {
            minX = Math.Min(minX, xs[i]);
            maxX = Math.Max(maxX, xs[i]);
            minY = Math.Min(minY, ys[i]);
            maxY = Math.Max(maxY, ys[i]);
        }

        int level = 0;
        while (level < ladder.Length - 1 && !Fits(ladder[level])) level++;
        bool Fits(double c) => ((Math.Floor((maxX - minX) / c) + 1) * (Math.Floor((maxY - minY) / c) + 1) * (places + 1.0)) < 4e18;

        int finest = level, last = ladder.Length - 1, placedLevel = level, unplacedLevel = level;
        var seen = new HashSet<long>();
        var memo = new Dictionary<(bool, int), (int Count, bool Exact)>();
        int Distinct(bool placed, int lv, int budget)
        {
            if (memo.TryGetValue((placed, lv), out var known) && (known.Exact || known.Count > budget)) return known.Count;
            seen.Clear();
            double c = ladder[lv];
            for (int i = 0; i < n; i++)
            {
                if ((group[i] < places) != placed) continue;
                if (seen.Add(Key(i, c)) && seen.Count > budget)
                {
                    memo[(placed, lv)] = (seen.Count, false);
                    return seen.Count;
                }
            }

            memo[(placed, lv)] = (seen.Count, true);
            return seen.Count;
        }

        long Key(int i, double c)
        {
            long w = (long)Math.Floor((maxX - minX) / c) + 1, h = (long)Math.Floor((maxY - minY) / c) + 1;
            long ix = (long)Math.Floor((xs[i] - minX) / c), iy = (long)Math.Floor((ys[i] - minY) / c);
            return (((group[i] * h) + iy) * w) + ix;
        }

        int Cap(int pl)
        {
            int cap = pl;
            while (cap < last && ladder[cap + 1] <= Math.Max(ReportMapData.MaxUnplacedCellMeters, ladder[pl])) cap++;
            return cap;
        }

        bool Fit(int pl, int ul)
        {
            int p = Distinct(true, pl, maxSquares);
            return p <= maxSquares && p + (long)Distinct(false, ul, maxSquares - p) <= maxSquares;
        }

        if (!Fit(finest, finest))
        {
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

        double cp = ladder[placedLevel], cu = ladder[unplacedLevel];
        var placedIndex = new Dictionary<long, int>();
        var unplacedIndex = new Dictionary<long, int>();
        var sx = new List<double>();
        var sy = new List<double>();
        var cnt = new List<int>();
        var sg = new List<int>();
        for (int i = 0; i < n; i++)
        {
            bool placed = group[i] < places;
            var index = placed ? placedIndex : unplacedIndex;
            long key = Key(i, placed ? cp : cu);
            if (!index.TryGetValue(key, out int s))
            {
                s = sx.Count;
                index.Add(key, s);
                sx.Add(0);
                sy.Add(0);
                cnt.Add(0);
                sg.Add(group[i]);
            }

            sx[s] += xs[i];
            sy[s] += ys[i];
            cnt[s]++;
        }

        int m = sx.Count;
        var lon = new double[m];
        var lat = new double[m];
        for (int s = 0; s < m; s++) (lon[s], lat[s]) = (sx[s] / cnt[s], sy[s] / cnt[s]);
        homes.Projection.ToWgs84(lon, lat);
        var order = new int[m];
        var qlat = new long[m];
        var qlng = new long[m];
        for (int s = 0; s < m; s++) (order[s], qlat[s], qlng[s]) = (s, (long)Math.Round(lat[s] * 1e6), (long)Math.Round(lon[s] * 1e6));
        Array.Sort(order, (a, b) =>
        {
            int c = sg[a].CompareTo(sg[b]);
            if (c == 0) c = qlat[a].CompareTo(qlat[b]);
            if (c == 0) c = qlng[a].CompareTo(qlng[b]);
            if (c == 0) c = cnt[a].CompareTo(cnt[b]);
            return c == 0 ? a.CompareTo(b) : c;
        });

        var perGroup = new int[places + 1];
        var homesPerGroup = new int[places + 1];
        using var bytes = new MemoryStream();
        long plat = 0, plng = 0;
        foreach (int s in order)
        {
            perGroup[sg[s]]++;
            homesPerGroup[sg[s]] += cnt[s];
            Varint(bytes, Zig(qlat[s] - plat));
            Varint(bytes, Zig(qlng[s] - plng));
            Varint(bytes, (ulong)(cnt[s] - 1));
            (plat, plng) = (qlat[s], qlng[s]);
        }

        return (bytes.ToArray(), perGroup, homesPerGroup, ladder[finest], cp, cu);

        static ulong Zig(long v) => (ulong)((v << 1) ^ (v >> 63));
        static void Varint(MemoryStream s, ulong v)
        {
            for (; v >= 0x80; v >>= 7) s.WriteByte((byte)(v | 0x80));
            s.WriteByte((byte)v);
        }
    }
}
