using System.Text.Json;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Tests.Export;

public sealed class HomesGeoJsonTests
{
    private static PlacePlan Plan() =>
        PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 100 }, Trimming = { MaxSpreadMeters = 1200 } })
            .Define(HomeSet.Create(SampleStock.Generate(2000, 3, 5)));

    [Fact]
    public void Write_IsRfc7946_OnePointPerHomeInInputOrder()
    {
        var plan = Plan();
        Assert.NotEmpty(plan.Unplaced);
        using var ms = new MemoryStream();
        HomesGeoJson.Write(plan, ms);
        using var doc = JsonDocument.Parse(ms.ToArray());
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(plan.Homes.Count, features.Length);
        var lons = plan.Homes.X.ToArray();
        var lats = plan.Homes.Y.ToArray();
        plan.Homes.Projection.ToWgs84(lons, lats);
        for (int i = 0; i < features.Length; i++)
        {
            var f = features[i];
            Assert.Equal("Feature", f.GetProperty("type").GetString());
            var g = f.GetProperty("geometry");
            Assert.Equal("Point", g.GetProperty("type").GetString());
            var c = g.GetProperty("coordinates");
            Assert.Equal(2, c.GetArrayLength());
            double lon = c[0].GetDouble(), lat = c[1].GetDouble();
            Assert.InRange(lon, -8, 2);
            Assert.InRange(lat, 49, 56);
            Assert.Equal(Math.Round(lon, 6), lon);
            Assert.Equal(Math.Round(lat, 6), lat);
            Assert.Equal(Math.Round(lons[i], 6), lon);
            Assert.Equal(Math.Round(lats[i], 6), lat);

            var p = f.GetProperty("properties");
            Assert.Equal(plan.Homes.Ids[i], p.GetProperty("id").GetString());
            Assert.Equal(plan.ClusterOfHome[i], p.GetProperty("cluster_id").GetInt32());
            var place = plan.PlaceOf(i);
            if (place is null)
            {
                Assert.Equal("unplaced", p.GetProperty("status").GetString());
                Assert.Equal(JsonValueKind.Null, p.GetProperty("place_id").ValueKind);
                Assert.StartsWith("too-", p.GetProperty("reason").GetString(), StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("placed", p.GetProperty("status").GetString());
                Assert.Equal(place.Id, p.GetProperty("place_id").GetString());
                Assert.Equal(JsonValueKind.Null, p.GetProperty("reason").ValueKind);
            }
        }
    }

    [Fact]
    public void WriteAll_HomesGeoJsonOption_AddsTheFileOnlyWhenAsked()
    {
        string dir = Path.Combine(Path.GetTempPath(), "placekit-homes-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.DoesNotContain(PlanExporter.WriteAll(Plan(), dir), f => f.EndsWith("homes.geojson", StringComparison.Ordinal));
            var files = PlanExporter.WriteAll(Plan(), dir, new PlanExportOptions { HomesGeoJson = true });
            string path = Assert.Single(files, f => f.EndsWith("homes.geojson", StringComparison.Ordinal));
            Assert.Equal(Path.Combine(dir, "homes.geojson"), path);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            Assert.Equal(2000, doc.RootElement.GetProperty("features").GetArrayLength());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
