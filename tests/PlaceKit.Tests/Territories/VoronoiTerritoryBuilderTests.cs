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

    [Property(MaxTest = 400, Arbitrary = [typeof(Layouts)])]
    public Property Build_HardLayouts_TerritoriesTileEachAuthority(Layout layout)
    {
        var (homes, places, placeOf) = layout.Build();
        var map = new VoronoiTerritoryBuilder().Build(homes, places, placeOf, new TerritoryOptions());
        var failure = TerritoryChecks.All(homes, map, placeOf);
        return (failure is null).Label(failure ?? "").Label(layout.ToString())
            .Classify(layout.Shape == "flats" && layout.Places > 1, "shared flats");
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
