using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using PlaceKit.Homes;
using PlaceKit.Persistence;
using PlaceKit.Planning;
using PlaceKit.Territories;
using PlaceKit.Trimming;

namespace PlaceKit.Tests.Territories;

/// <summary>
/// Territories clipped to real boundaries: three north-west Wales authorities (Isle of Anglesey with Holy Island and its
/// islets, Gwynedd with Bardsey, Conwy) from ONS/OS data, simplified (see Data/boundaries/README.md).
/// </summary>
public class BoundaryTerritoryTests
{
    internal static readonly string GeoJson = Fixture("north-west-wales.geojson");
    internal static readonly string GeoPackage = Fixture("north-west-wales-bng.gpkg");
    internal static readonly string Shapefile = Fixture("north-west-wales-bng.shp");
    internal static readonly string[] Codes = ["W06000001", "W06000002", "W06000003"];

    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "boundaries", name);

    private static Dictionary<string, Geometry> Bng => AuthorityBoundaries.Read(GeoJson).In(PlanarProjection.BritishNationalGrid);

    /// <summary>Homes in the real authorities: towns (clusters) and scattered homes inside each boundary, plus some off the coast or across a border.</summary>
    public sealed record WalesStock(int Towns, int HomesPerTown, int Scattered, int Astray, int Places, int Seed)
    {
        public (HomeSet Homes, int[] Outside) Build()
        {
            var rng = new Random(Seed);
            var bng = Bng;
            var homes = new List<Home>();
            var outside = new List<int>();
            foreach (var code in Codes)
            {
                var area = bng[code];
                var locator = new IndexedPointInAreaLocator(area);
                var env = area.EnvelopeInternal;
                (double X, double Y) Inside()
                {
                    while (true)
                    {
                        // Rounded to 0.1 m (as written below) before the test: rounding must not carry a home over the boundary.
                        double x = Math.Round(env.MinX + (rng.NextDouble() * env.Width), 1), y = Math.Round(env.MinY + (rng.NextDouble() * env.Height), 1);
                        if (locator.Locate(new Coordinate(x, y)) == Location.Interior) return (x, y);
                    }
                }

                for (int t = 0; t < Towns; t++)
                {
                    var (cx, cy) = Inside();
                    for (int k = 0; k < HomesPerTown; k++)
                    {
                        double x = Math.Round(cx + (Normal(rng) * 600), 1), y = Math.Round(cy + (Normal(rng) * 600), 1);
                        if (locator.Locate(new Coordinate(x, y)) != Location.Interior) (x, y) = (cx, cy); // a block of flats at the centre
                        homes.Add(new Home($"{code}-{homes.Count}", Math.Round(x, 1), Math.Round(y, 1), code));
                    }
                }

                for (int k = 0; k < Scattered; k++)
                {
                    var (x, y) = Inside();
                    homes.Add(new Home($"{code}-{homes.Count}", Math.Round(x, 1), Math.Round(y, 1), code));
                }

                for (int k = 0; k < Astray; k++)
                {
                    // Outside the authority: at sea or in a neighbour, still labelled with this authority (the column wins).
                    double x, y;
                    do
                    {
                        x = Math.Round(env.MinX - 5000 + (rng.NextDouble() * (env.Width + 10_000)), 1);
                        y = Math.Round(env.MinY - 5000 + (rng.NextDouble() * (env.Height + 10_000)), 1);
                    }
                    while (locator.Locate(new Coordinate(x, y)) != Location.Exterior);
                    outside.Add(homes.Count);
                    homes.Add(new Home($"{code}-{homes.Count}", Math.Round(x, 1), Math.Round(y, 1), code));
                }
            }

            return (HomeSet.Create(homes), [.. outside]);
        }

        private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }

    public static class WalesStocks
    {
        public static Arbitrary<WalesStock> Stock() =>
            (from towns in Gen.Choose(0, 4)
             from perTown in Gen.Choose(1, 60)
             from scattered in Gen.Choose(0, 40)
             from astray in Gen.Elements(0, 0, 1, 3)
             from places in Gen.Choose(1, 5)
             from seed in Gen.Choose(0, int.MaxValue)
             where towns * perTown + scattered + astray > 0
             select new WalesStock(towns, perTown, scattered, astray, places, seed)).ToArbitrary();
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(WalesStocks)])]
    public Property Build_RealBoundaries_TerritoriesTileTheBoundary(WalesStock stock)
    {
        var (homes, outside) = stock.Build();
        var rng = new Random(stock.Seed);
        var places = new List<Place>();
        var placeOf = new int[homes.Count];
        for (int a = 0; a < homes.Authorities.Count; a++)
        {
            int first = places.Count;
            int count = Math.Min(stock.Places, homes.AuthorityIndex.ToArray().Count(x => x == a));
            for (int p = 0; p < count; p++) places.Add(VoronoiTerritoryBuilderTests.Dummy($"P{places.Count + 1}", homes.Authorities[a]));
            int k = 0;
            for (int i = 0; i < homes.Count; i++)
            {
                if (homes.AuthorityIndex[i] != a) continue;
                // Every place gets a home first; then random places, some homes unplaced.
                placeOf[i] = k < count ? first + k : rng.Next(4) == 0 ? -1 : first + rng.Next(count);
                k++;
            }
        }

        var map = new VoronoiTerritoryBuilder().Build(homes, places, placeOf, new TerritoryOptions { BoundariesFile = GeoJson });
        var failure = TerritoryChecks.All(homes, map, placeOf) ?? BoundaryChecks(homes, map, outside);
        return (failure is null).Label(failure ?? "").Label(stock.ToString())
            .Classify(outside.Length > 0, "homes outside their boundary")
            .Classify(map.Places.Any(t => t.Territory is MultiPolygon), "a multipolygon territory");
    }

    [Property(MaxTest = 12, Arbitrary = [typeof(WalesStocks)])]
    public Property Define_RealBoundaries_EveryPlanTilesTheBoundary(WalesStock stock)
    {
        var (homes, outside) = stock.Build();
        var options = new PlaceKitOptions { Seed = stock.Seed, Clustering = { TargetSize = 40 }, Trimming = { MinHomes = 5, MaxSpreadMeters = 4000, Reassign = stock.Seed % 2 == 0 } };
        options.Territories.BoundariesFile = GeoPackage;
        var plan = PlaceDefiner.Create(options).Define(homes);
        var failure = TerritoryChecks.All(plan.Homes, plan.Territories, plan.PlaceIndexOfHome) ?? BoundaryChecks(homes, plan.Territories, outside);
        return (failure is null).Label(failure ?? "").Label(stock.ToString());
    }

    /// <summary>Every authority's area is its boundary, and the homes outside it are counted exactly (brute force over the homes).</summary>
    private static string? BoundaryChecks(HomeSet homes, TerritoryMap map, int[] outside)
    {
        var bng = Bng;
        foreach (var a in map.Authorities)
        {
            if (a.Source != AuthorityAreaSource.Boundary) return $"{a.Authority}: area source {a.Source}";
            double want = bng[a.Authority].Area;
            if (Math.Abs(a.Area.Area - want) > 1e-9 * want) return $"{a.Authority}: area {a.Area.Area} m², boundary {want} m²";
            var expected = outside.Where(i => homes.Authorities[homes.AuthorityIndex[i]] == a.Authority).Select(i => homes.Ids[i]).ToArray();
            if (a.HomesOutside != expected.Length) return $"{a.Authority}: {a.HomesOutside} homes outside, expected {expected.Length}";
            if (!a.HomesOutsideExamples.SequenceEqual(expected.Take(20))) return $"{a.Authority}: examples {string.Join(",", a.HomesOutsideExamples)}, expected {string.Join(",", expected)}";
        }

        return null;
    }

    [Fact]
    public void Build_HomesInOneTownOfALargeAuthority_TerritoriesFillTheWholeBoundary()
    {
        // Gwynedd is about 90 km long; homes 100 m apart in one town: the outer cells must reach its far end (and Bardsey).
        var homes = HomeSet.Create([new Home("a", 258_000, 362_000, "W06000002"), new Home("b", 258_100, 362_000, "W06000002"), new Home("c", 258_050, 362_080, "W06000002")]);
        Place[] places = [VoronoiTerritoryBuilderTests.Dummy("P1", "W06000002"), VoronoiTerritoryBuilderTests.Dummy("P2", "W06000002")];
        var map = new VoronoiTerritoryBuilder().Build(homes, places, [0, 1, -1], new TerritoryOptions { BoundariesFile = Shapefile });
        Assert.Null(TerritoryChecks.All(homes, map, [0, 1, -1]));
        double total = map.Places.Sum(t => t.Territory.Area) + map.Authorities[0].NoPlace.Area;
        Assert.Equal(Bng["W06000002"].Area, total, 1e-6 * total);
        Assert.True(map.Authorities[0].AreaKm2 > 2000, $"Gwynedd is {map.Authorities[0].AreaKm2} km²");
    }

    [Fact]
    public void Build_AuthorityMissingFromTheFile_ThrowsNamingItAndItsHomes()
    {
        var homes = HomeSet.Create([new Home("a", 250_000, 370_000, "W06000001"), new Home("b", 300_000, 200_000, "W06000099"), new Home("c", 300_100, 200_000, "W06000099")]);
        var ex = Assert.Throws<BoundaryFileException>(() =>
            new VoronoiTerritoryBuilder().Build(homes, [], [-1, -1, -1], new TerritoryOptions { BoundariesFile = GeoJson }));
        Assert.Contains("W06000099 (2 homes)", ex.Message);
        Assert.Contains("field LAD13CD", ex.Message);
        Assert.DoesNotContain("W06000001 (", ex.Message);
    }

    [Fact]
    public void Load_PlanWithBoundaries_UsesThemAgain_AndFailsClearlyWhenTheFileIsGone()
    {
        var (homes, _) = new WalesStock(2, 40, 10, 1, 2, 11).Build();
        string dir = Directory.CreateTempSubdirectory("placekit-boundaries").FullName;
        try
        {
            string file = Path.Combine(dir, "lads.geojson");
            File.Copy(GeoJson, file);
            var options = new PlaceKitOptions { Clustering = { TargetSize = 40 }, Trimming = { MinHomes = 5, MaxSpreadMeters = 4000 } };
            options.Territories.BoundariesFile = file;
            var plan = PlaceDefiner.Create(options).Define(homes);
            string planPath = Path.Combine(dir, "plan.json");
            PlanFile.Save(plan, planPath);

            var loaded = PlanFile.Load(planPath);
            Assert.Equal(file, loaded.Options.Territories.BoundariesFile);
            Assert.All(loaded.Territories.Authorities, a => Assert.Equal(AuthorityAreaSource.Boundary, a.Source));
            Assert.Equal(plan.Territories.Places.Select(t => t.Territory.Area), loaded.Territories.Places.Select(t => t.Territory.Area));

            string moved = Path.Combine(dir, "moved.geojson");
            File.Move(file, moved);
            var ex = Assert.Throws<PlanFileException>(() => PlanFile.Load(planPath));
            Assert.Contains(file, ex.Message);
            Assert.Contains("does not exist", ex.Message);

            var relocated = PlanFile.LoadWithBoundaries(planPath, moved);
            Assert.Equal(moved, relocated.Options.Territories.BoundariesFile);
            Assert.Equal(plan.Territories.Places.Select(t => t.Territory.Area), relocated.Territories.Places.Select(t => t.Territory.Area));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_BoundaryFileChangedSinceThePlan_FailsNamingIt_UntilGivenAgain()
    {
        var (homes, _) = new WalesStock(2, 40, 10, 0, 2, 12).Build();
        string dir = Directory.CreateTempSubdirectory("placekit-boundaries").FullName;
        try
        {
            string file = Path.Combine(dir, "lads.geojson");
            File.Copy(GeoJson, file);
            var options = new PlaceKitOptions { Clustering = { TargetSize = 40 }, Trimming = { MinHomes = 5, MaxSpreadMeters = 4000 } };
            options.Territories.BoundariesFile = file;
            options.Territories.BoundariesSha256 = AuthorityBoundaries.Read(file).Sha256;
            var plan = PlaceDefiner.Create(options).Define(homes);
            string planPath = Path.Combine(dir, "plan.json");
            PlanFile.Save(plan, planPath);
            Assert.Equal(options.Territories.BoundariesSha256, PlanFile.Load(planPath).Options.Territories.BoundariesSha256);

            File.AppendAllText(file, "\n"); // other bytes, the same boundaries: still a change PlaceKit cannot judge
            var ex = Assert.Throws<PlanFileException>(() => PlanFile.Load(planPath));
            Assert.Contains("lads.geojson' have changed since the plan was made", ex.Message);

            // The territory stage checks too (a plan made in memory, then the file changed under it).
            var map = Assert.Throws<BoundaryFileException>(() => new VoronoiTerritoryBuilder().Build(homes, [], new int[homes.Count].Select(_ => -1).ToArray(), options.Territories));
            Assert.Contains("has changed since the plan was made", map.Message);

            Assert.Equal(plan.Territories.Places.Select(t => t.Territory.Area), PlanFile.LoadWithBoundaries(planPath, file).Territories.Places.Select(t => t.Territory.Area));
            File.Copy(GeoJson, file, overwrite: true);
            Assert.Equal(plan.Territories.Places.Select(t => t.Territory.Area), PlanFile.Load(planPath).Territories.Places.Select(t => t.Territory.Area));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
