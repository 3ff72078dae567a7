using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Tests.Export;

public sealed class PlanExporterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private static PlacePlan SmallPlan()
    {
        // Two places in different authorities (one a block of flats on one point), and a trimmed cluster.
        var homes = new List<Home>();
        for (int i = 0; i < 30; i++) homes.Add(new Home($"a{i}", 400000 + (i % 6 * 20), 300000 + (i / 6 * 20), "E1"));
        for (int i = 0; i < 30; i++) homes.Add(new Home($"f{i}", 420000, 310000, "E2"));
        for (int i = 0; i < 3; i++) homes.Add(new Home($"r{i}", 440000 + (i * 3000), 320000, "E3"));
        return PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 30 }, Trimming = { MinHomes = 10 } }).Define(HomeSet.Create(homes));
    }

    [Fact]
    public void WriteAll_WritesFourFilesThatAgreeWithThePlan()
    {
        var plan = SmallPlan();
        var files = PlanExporter.WriteAll(plan, _dir);
        Assert.Equal(PlanExporter.FileNames, files.Select(Path.GetFileName));

        var homes = File.ReadAllLines(Path.Combine(_dir, "homes.csv"));
        Assert.Equal("id,authority,authority_name,cluster_id,place_id,status,reason,x,y,longitude,latitude", homes[0]);
        Assert.Equal(plan.Homes.Count + 1, homes.Length);
        Assert.StartsWith("a0,E1,E1,", homes[1]);
        Assert.Contains(",placed,,", homes[1]);
        var (lon, lat) = plan.Homes.Projection.ToWgs84(plan.Homes.X[0], plan.Homes.Y[0]);
        Assert.EndsWith(string.Create(System.Globalization.CultureInfo.InvariantCulture, $",{plan.Homes.X[0]:0.##},{plan.Homes.Y[0]:0.##},{lon:0.#######},{lat:0.#######}"), homes[1]);
        Assert.Matches(@"^r0,E3,E3,\d+,,unplaced,too-few-homes: 3 < 10; too-spread: r90 3\.0 km > 2\.5 km,440000,320000,-?[0-9.]+,[0-9.]+$", homes[61]);

        var clusters = File.ReadAllLines(Path.Combine(_dir, "clusters.csv"));
        Assert.Equal("cluster_id,authority,authority_name,homes,centre_x,centre_y,hull_area_km2,density_per_km2,mean_distance_m,r90_m,tightness,rank,kept,trim_reasons,place_id,territory_area_km2,polsby_popper,reock", clusters[0]);
        Assert.Equal(plan.Clusters.Count + 1, clusters.Length);
        Assert.Contains(clusters, l => l.EndsWith(",false,too-few-homes: 3 < 10;too-spread: r90 3.0 km > 2.5 km,,,,", StringComparison.Ordinal));
        foreach (var (place, t) in plan.Places.Zip(plan.Territories.Places))
        {
            var row = clusters.Single(l => l.StartsWith(place.Score.ClusterId + ",", StringComparison.Ordinal)).Split(',');
            Assert.Equal(place.Id, row[14]);
            Assert.Equal(t.PolsbyPopper, double.Parse(row[16], System.Globalization.CultureInfo.InvariantCulture), 4);
            Assert.Equal(t.Reock, double.Parse(row[17], System.Globalization.CultureInfo.InvariantCulture), 4);
            Assert.InRange(t.PolsbyPopper, 0.05, 1);
        }

        using var coverage = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "coverage.json")));
        Assert.Equal(63, coverage.RootElement.GetProperty("total_homes").GetInt32());
        Assert.Equal(60, coverage.RootElement.GetProperty("placed_homes").GetInt32());
        Assert.Equal(2, coverage.RootElement.GetProperty("places").GetInt32());
        Assert.Equal(3, coverage.RootElement.GetProperty("by_authority").GetArrayLength());
        var territories = coverage.RootElement.GetProperty("territories");
        Assert.Equal(Math.Round(plan.Territories.Places.Average(t => t.Reock), 4), territories.GetProperty("reock").GetProperty("mean").GetDouble());
        Assert.Equal("fallback", coverage.RootElement.GetProperty("by_authority")[0].GetProperty("area_source").GetString());
    }

    [Fact]
    public void TerritoriesGeoJson_IsRfc7946_OneFeaturePerPlaceWithCompactness()
    {
        var plan = SmallPlan();
        using var ms = new MemoryStream();
        TerritoriesGeoJson.Write(plan, ms);
        using var doc = JsonDocument.Parse(ms.ToArray());
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(plan.Places.Count, features.Length);
        for (int p = 0; p < features.Length; p++)
        {
            var g = features[p].GetProperty("geometry");
            Assert.Equal("Polygon", g.GetProperty("type").GetString());
            var ring = g.GetProperty("coordinates")[0].EnumerateArray().Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble())).ToArray();
            Assert.Equal(ring[0], ring[^1]);
            Assert.True(Orientation.IsCCW(ring));
            Assert.True(new GeometryFactory().CreatePolygon(ring).IsValid);
            var props = features[p].GetProperty("properties");
            Assert.Equal(plan.Places[p].Id, props.GetProperty("place_id").GetString());
            Assert.Equal(plan.Places[p].Score.ClusterId, props.GetProperty("cluster_id").GetInt32());
            Assert.Equal(Math.Round(plan.Territories.Places[p].PolsbyPopper, 4), props.GetProperty("polsby_popper").GetDouble());
            Assert.Equal(Math.Round(plan.Territories.Places[p].Reock, 4), props.GetProperty("reock").GetDouble());
            Assert.Equal("fallback", props.GetProperty("area_source").GetString());

            // A home of the place lies inside its territory, back in lon/lat.
            var (lon, lat) = plan.Homes.Projection.ToWgs84(plan.Homes.X[plan.HomesOf(p)[0]], plan.Homes.Y[plan.HomesOf(p)[0]]);
            Assert.True(new GeometryFactory().CreatePolygon(ring).Covers(new GeometryFactory().CreatePoint(new Coordinate(lon, lat))));
        }
    }

    [Fact]
    public void PlacesGeoJson_IsRfc7946_ClosedCounterClockwiseRingsInLonLat()
    {
        var plan = SmallPlan();
        using var ms = new MemoryStream();
        PlacesGeoJson.Write(plan, ms);
        using var doc = JsonDocument.Parse(ms.ToArray());
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(plan.Places.Count, features.Length);
        foreach (var f in features)
        {
            var ring = f.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray()
                .Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble())).ToArray();
            Assert.True(ring.Length >= 4);
            Assert.Equal(ring[0], ring[^1]);
            Assert.True(Orientation.IsCCW(ring));
            Assert.All(ring, c => Assert.True(c.X is > -3 and < 2 && c.Y is > 49 and < 56));
            Assert.All(ring, c => Assert.Equal(c.X, Math.Round(c.X, 6)));
            Assert.True(new GeometryFactory().CreatePolygon(ring).IsValid);
            var props = f.GetProperty("properties");
            Assert.StartsWith("P", props.GetProperty("place_id").GetString(), StringComparison.Ordinal);
            Assert.True(props.GetProperty("homes").GetInt32() > 0);
            Assert.True(props.TryGetProperty("tightness", out _) && props.TryGetProperty("rank", out _) && props.TryGetProperty("authority", out _));
        }
    }
}
