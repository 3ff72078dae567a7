using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetTopologySuite.Geometries;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using PlaceKit.Territories;
using PlaceKit.Tests.Support;
using PlaceKit.Persistence;
using PlaceKit.Trimming;

namespace PlaceKit.Tests.Territories;

public class VoronoiTerritoryBuilderTests
{
    private static PlacePlan Define(TestStock stock, bool reassign = false, ClusteringAlgorithm algorithm = ClusteringAlgorithm.KMeans) =>
        PlaceDefiner.Create(new PlaceKitOptions
        {
            Seed = stock.Seed,
            Clustering = { TargetSize = stock.TargetSize, Algorithm = algorithm },
            Trimming = { MaxSpreadMeters = 1500, Reassign = reassign },
        }).Define(stock.ToHomeSet());

    [Property(MaxTest = 60, Arbitrary = [typeof(Stocks)])]
    public Property Define_TerritoriesTileEachAuthority(TestStock stock, bool reassign)
    {
        var plan = Define(stock, reassign);
        var failure = TerritoryChecks.All(plan.Homes, plan.Territories, plan.PlaceIndexOfHome);
        return (failure is null).Label(failure ?? "").Label(stock.ToString())
            .Classify(plan.Places.Count > 1, "several places")
            .Classify(plan.Unplaced.Count > 0, "some unplaced")
            .Classify(plan.Territories.Places.Any(t => t.Territory is MultiPolygon), "a multipolygon territory");
    }

    [Property(MaxTest = 25, Arbitrary = [typeof(Stocks)])]
    public Property Define_SizeConstrained_TerritoriesTileEachAuthority(TestStock stock)
    {
        var plan = Define(stock, reassign: true, ClusteringAlgorithm.SizeConstrained);
        var failure = TerritoryChecks.All(plan.Homes, plan.Territories, plan.PlaceIndexOfHome);
        return (failure is null).Label(failure ?? "").Label(stock.ToString());
    }

    /// <summary>Hard layouts with arbitrary labels: grids, a line, a few points, blocks of flats whose homes are in different places, and a fine lattice.</summary>
    public static class Layouts
    {
        public static Arbitrary<Layout> Layout() =>
            (from shape in Gen.Elements("grid", "line", "few", "flats", "one", "lattice", "lattice")
             from n in Gen.Choose(1, 120)
             from places in Gen.Choose(1, 6)
             from unplacedShare in Gen.Elements(0.0, 0.3, 1.0)
             from seed in Gen.Choose(0, int.MaxValue)
             select new Layout(shape, n, places, unplacedShare, seed)).ToArbitrary();
    }

    public sealed record Layout(string Shape, int N, int Places, double UnplacedShare, int Seed)
    {
        public (HomeSet Homes, Place[] Places, int[] PlaceOf) Build()
        {
            var rng = new Random(Seed);
            var homes = new List<Home>();
            for (int i = 0; i < N; i++)
            {
                (double x, double y) = Shape switch
                {
                    "grid" => (400_000 + (100 * (i % 11)), 300_000 + (100 * (i / 11))),
                    "line" => (400_000 + (37.5 * i), 300_000 + (12.5 * i)),
                    "few" => (400_000 + (250 * (i % 3)), 300_000 + (90 * (i % 2))),
                    "flats" => (400_000 + (60 * rng.Next(4)), 300_000 + (60 * rng.Next(3))),

                    // Random points of a 0.1 m lattice (coordinates rounded to 0.1 m, as many exports are): co-circular
                    // sites whose Voronoi vertices nearly coincide; CI once drew a stock whose cell became a tiny bow-tie.
                    "lattice" => (Math.Round(315_897 + (0.1 * rng.Next(30)), 1), Math.Round(1_266_020 + (0.1 * rng.Next(30)), 1)),
                    _ => (400_000.0, 300_000.0),
                };
                homes.Add(new Home($"H{i}", x, y, i % 2 == 0 || Shape == "one" ? "E1" : "E2"));
            }

            var set = HomeSet.Create(homes);
            var places = new List<Place>();
            var placeOf = new int[N];
            for (int a = 0; a < set.Authorities.Count; a++)
            {
                int first = places.Count;
                for (int p = 0; p < Places; p++) places.Add(Dummy($"P{places.Count + 1}", set.Authorities[a]));
                for (int i = 0; i < N; i++)
                {
                    if (set.AuthorityIndex[i] != a) continue;
                    placeOf[i] = rng.NextDouble() < UnplacedShare ? -1 : first + rng.Next(Places);
                }
            }

            // A place with no home is not a place: keep only places that got homes, renumbered.
            var keep = places.Select((_, p) => placeOf.Contains(p)).ToArray();
            var newIndex = new int[places.Count];
            var kept = new List<Place>();
            for (int p = 0; p < places.Count; p++)
            {
                newIndex[p] = keep[p] ? kept.Count : -1;
                if (keep[p]) kept.Add(places[p]);
            }

            for (int i = 0; i < N; i++) placeOf[i] = placeOf[i] < 0 ? -1 : newIndex[placeOf[i]];
            return (set, [.. kept], placeOf);
        }
    }

    internal static Place Dummy(string id, string authority) => new(id, 1, new ClusterScore
    {
        ClusterId = 1, Authority = authority, Homes = 1, CentreX = 0, CentreY = 0, Hull = new GeometryFactory().CreatePoint(),
        HullAreaKm2 = 0, DensityPerKm2 = 0, MeanDistanceMeters = 0, R90Meters = 0, Tightness = 0, Rank = 1,
    });

    /// <summary>A landing train's draw: a 94-home lattice, 6 places, 30% unplaced (P9 and P12 overlapped by 2.9e-10 m²).</summary>
    [Property(MaxTest = 1, Replay = "17777142601486236465,11202695979921774799,69", Arbitrary = [typeof(Layouts)])]
    public Property Build_HardLayouts_ReplayOfATrainsDraw(Layout layout) => Build_HardLayouts_TerritoriesTileEachAuthority(layout);

    /// <summary>The final CI run's draw: a 115-home lattice, 5 places, 30% unplaced: the overlay making E2's no-place area
    /// silently lost P7 (89,582 m² instead of 44,262 m²), so territories + no-place exceeded the area.</summary>
    [Property(MaxTest = 1, Replay = "9033180583584681446,17401212105394864367,48", Arbitrary = [typeof(Layouts)])]
    public Property Build_HardLayouts_ReplayOfACiDraw(Layout layout) => Build_HardLayouts_TerritoriesTileEachAuthority(layout);

    [Property(MaxTest = 400, Arbitrary = [typeof(Layouts)])]
    public Property Build_HardLayouts_TerritoriesTileEachAuthority(Layout layout)
    {
        var (homes, places, placeOf) = layout.Build();
        var map = new VoronoiTerritoryBuilder().Build(homes, places, placeOf, new TerritoryOptions());
        var failure = TerritoryChecks.All(homes, map, placeOf);
        return (failure is null).Label(failure ?? "").Label(layout.ToString())
            .Classify(layout.Shape == "flats" && layout.Places > 1, "shared flats");
    }

    /// <summary>The lattice layouts landing trains drew: a degenerate cell left a line in the coverage union ("mixed-dimension").</summary>
    [Fact]
    public void Build_LatticeWhoseCoverageUnionHadALine_TilesTheAuthority()
    {
        foreach (var layout in (Layout[])[new("lattice", 92, 2, 0.3, 579668904), new("lattice", 86, 6, 0, 1779884515)])
        {
            var (homes, places, placeOf) = layout.Build();
            var map = new VoronoiTerritoryBuilder().Build(homes, places, placeOf, new TerritoryOptions());
            Assert.Null(TerritoryChecks.All(homes, map, placeOf));
        }
    }

    [Fact]
    public void Build_FlatsOfTwoPlacesOnOneCoordinate_BothCoverTheBlock()
    {
        var homes = HomeSet.Create([new Home("a", 400_000, 300_000, "E1"), new Home("b", 400_000, 300_000, "E1"), new Home("c", 400_500, 300_000, "E1")]);
        Place[] places = [Dummy("P1", "E1"), Dummy("P2", "E1")];
        var map = new VoronoiTerritoryBuilder().Build(homes, places, [0, 1, 1], new TerritoryOptions());
        Assert.Null(TerritoryChecks.All(homes, map, [0, 1, 1]));
        var block = new GeometryFactory().CreatePoint(new Coordinate(400_000, 300_000));
        Assert.True(map.Places[0].Territory.Covers(block));
        Assert.True(map.Places[1].Territory.Covers(block));
        Assert.True(map.Places[0].Territory.Area > 0);
    }

    [Fact]
    public void Build_PlaceWithHomesOfAnotherAuthority_Throws()
    {
        var homes = HomeSet.Create([new Home("a", 400_000, 300_000, "E1"), new Home("b", 401_000, 300_000, "E2")]);
        var ex = Assert.Throws<ArgumentException>(() => new VoronoiTerritoryBuilder().Build(homes, [Dummy("P1", "E1")], [0, 0], new TerritoryOptions()));
        Assert.Contains("'b'", ex.Message);
    }

    [Fact]
    public void Build_TwoHomes_SplitAtTheBisector()
    {
        var homes = HomeSet.Create([new Home("a", 400_000, 300_000, "E1"), new Home("b", 401_000, 300_000, "E1")]);
        var map = new VoronoiTerritoryBuilder().Build(homes, [Dummy("P1", "E1"), Dummy("P2", "E1")], [0, 1], new TerritoryOptions { FallbackMarginMeters = 100 });
        var env = map.Places[0].Territory.EnvelopeInternal;
        Assert.Equal(399_900, env.MinX, 6);
        Assert.Equal(400_500, env.MaxX, 6);
        // A 1 km line buffered by 100 m: 200 m x 1,000 m plus a disc of radius 100 m (as the 32-gon the buffer draws).
        double disc = 32 * 0.5 * 100 * 100 * Math.Sin(2 * Math.PI / 32);
        Assert.Equal((200 * 1000) + disc, map.Authorities[0].Area.Area, 3);
        Assert.Equal(AuthorityAreaSource.Fallback, map.Authorities[0].Source);
        Assert.True(map.Authorities[0].NoPlace.IsEmpty);
    }

    [Fact]
    public void Define_PlanFromEditsAndLoad_HaveTerritories()
    {
        var plan = PlaceDefiner.Create().Define(HomeSet.Create(SampleStock.Generate(3000, 3, seed: 5)));
        Assert.True(plan.Timings.Territories > TimeSpan.Zero);
        using var stream = new MemoryStream();
        PlanFile.Save(plan, stream);
        stream.Position = 0;
        var loaded = PlanFile.Load(stream);
        Assert.Equal(plan.Territories.Places.Select(t => t.Territory.Area), loaded.Territories.Places.Select(t => t.Territory.Area));
    }
}

/// <summary>The fallback area of a big authority is taken over a thinned set of locations; it must still hold every home.</summary>
public class FallbackAreaTests
{
    [Property(MaxTest = 6)]
    public Property FallbackArea_ThinnedAboveTheThreshold_StillHoldsEveryLocation(int seed, bool tightMargin)
    {
        var rng = new Random(seed);
        var options = new TerritoryOptions { FallbackMarginMeters = tightMargin ? 30 : 250 };
        var sites = new HashSet<Coordinate>();
        int blobs = rng.Next(1, 6);
        while (sites.Count < VoronoiTerritoryBuilder.ThinHullAbove + 5_000)
        {
            int b = rng.Next(blobs);
            double cx = 400_000 + (b * 7_000), cy = 300_000 + ((b % 2) * 9_000), spread = 300 + (b * 900);
            sites.Add(new Coordinate(Math.Round(cx + ((rng.NextDouble() - 0.5) * spread), 1), Math.Round(cy + ((rng.NextDouble() - 0.5) * spread * 0.6), 1)));
        }

        var sorted = sites.Order().ToArray();
        var area = VoronoiTerritoryBuilder.FallbackArea(sorted, options);
        var locator = new NetTopologySuite.Algorithm.Locate.IndexedPointInAreaLocator(area);
        var outside = sorted.Where(c => locator.Locate(c) == Location.Exterior).ToArray();
        return (outside.Length == 0).Label($"{outside.Length} of {sorted.Length} locations outside the area, first {outside.FirstOrDefault()}");
    }
}

/// <summary>Fallback areas of neighbouring authorities (no boundary file): they never overlap, and every home stays inside its own.</summary>
public class NeighbourFallbackAreaTests
{
    /// <summary>Two to four authorities as blobs placed side by side, overlapping or fully mixed.</summary>
    public static class Neighbours
    {
        public static Arbitrary<(int Authorities, int Homes, double Gap, int Seed)> Layout() =>
            (from authorities in Gen.Choose(2, 4)
             from homes in Gen.Choose(20, 900)
             from gap in Gen.Elements(0.0, 300.0, 800.0, 1_500.0, 5_000.0)
             from seed in Gen.Choose(0, int.MaxValue)
             select (authorities, homes, gap, seed)).ToArbitrary();
    }

    /// <summary>A landing train's draw: 4 authorities, 503 homes, 300 m apart: the check's floating overlay said E1 and E3
    /// overlapped by 73,471 m²; point tests and snap-rounding show no overlap.</summary>
    [Property(MaxTest = 1, Replay = "10754233880399076604,5973538009952664207,90", Arbitrary = [typeof(Neighbours)])]
    public Property Define_NeighbouringFallbackAreas_ReplayOfATrainsDraw((int Authorities, int Homes, double Gap, int Seed) c) =>
        Define_NeighbouringFallbackAreas_DoNotOverlap_AndHoldTheirHomes(c);

    [Property(MaxTest = 40, Arbitrary = [typeof(Neighbours)])]
    public Property Define_NeighbouringFallbackAreas_DoNotOverlap_AndHoldTheirHomes((int Authorities, int Homes, double Gap, int Seed) c)
    {
        var rng = new Random(c.Seed);
        var homes = new List<Home>();
        for (int i = 0; i < c.Homes; i++)
        {
            int a = rng.Next(c.Authorities);
            double cx = 400_000 + (a * c.Gap), spread = 1_500 + (a * 700);
            homes.Add(new Home($"H{i}", cx + ((rng.NextDouble() - 0.5) * spread), 300_000 + ((rng.NextDouble() - 0.5) * spread), $"E{a}"));
        }

        var set = HomeSet.Create(homes);
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Seed = c.Seed, Clustering = { TargetSize = 40 }, Trimming = { MinHomes = 20 } }).Define(set);
        var map = plan.Territories;
        var failure = TerritoryChecks.All(plan.Homes, map, plan.PlaceIndexOfHome);
        var areas = map.Authorities;
        for (int a = 0; failure is null && a < areas.Count; a++)
        {
            var locator = new NetTopologySuite.Algorithm.Locate.IndexedPointInAreaLocator(areas[a].Area);
            for (int i = 0; failure is null && i < set.Count; i++)
            {
                if (set.AuthorityIndex[i] == a && locator.Locate(new Coordinate(set.XArray[i], set.YArray[i])) == Location.Exterior)
                {
                    failure = $"home {set.Ids[i]} outside its authority {areas[a].Authority}'s area";
                }
            }

            for (int b = a + 1; failure is null && b < areas.Count; b++)
            {
                double overlap = TerritoryChecks.OverlapArea(areas[a].Area, areas[b].Area);
                double smaller = Math.Min(areas[a].Area.Area, areas[b].Area.Area);
                if (overlap > TerritoryChecks.Tolerance * smaller) failure = $"areas of {areas[a].Authority} and {areas[b].Authority} overlap by {overlap:F3} m² ({overlap / smaller:E2} of the smaller)";
            }
        }

        return (failure is null).Label(failure ?? "").Label($"{c}")
            .Classify(c.Gap < 1_500, "authorities overlap")
            .Classify(areas.Any(a => a.Area is MultiPolygon), "an area in pieces");
    }

    [Fact]
    public void Build_TwoMixedAuthorities_AreasSplitByNearestHome()
    {
        // Two authorities on alternating rows of one grid: their fallback areas would be the same rectangle.
        var homes = HomeSet.Create(Enumerable.Range(0, 200).Select(i => new Home($"H{i}", 400_000 + (i % 20 * 100.0), 300_000 + (i / 20 * 100.0), (i / 20) % 2 == 0 ? "E1" : "E2")));
        var map = new VoronoiTerritoryBuilder().Build(homes, [], Enumerable.Repeat(-1, 200).ToArray(), new TerritoryOptions());
        var (e1, e2) = (map.Authorities[0].Area, map.Authorities[1].Area);
        Assert.True(e1.Intersection(e2).Area < 1e-6, $"overlap {e1.Intersection(e2).Area} m²");
        Assert.Equal(map.Authorities[0].Area.Union(e2).Area, VoronoiTerritoryBuilder.FallbackArea([.. homes.XArray.Zip(homes.YArray, (x, y) => new Coordinate(x, y)).Order()], new TerritoryOptions()).Area, 3);
        Assert.All(Enumerable.Range(0, 200), i => Assert.True(map.Authorities[homes.AuthorityIndex[i]].Area.Covers(new Point(homes.XArray[i], homes.YArray[i]))));
    }
}
