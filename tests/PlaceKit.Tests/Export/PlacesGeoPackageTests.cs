using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Export;

public sealed class PlacesGeoPackageTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"placekit-test-{Guid.NewGuid():N}.gpkg");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    private static PlacePlan Plan() =>
        PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 200 }, Trimming = { MinHomes = 150, MaxSpreadMeters = 4000 } })
            .Define(HomeSet.Create(SampleStock.Generate(3000, 3, seed: 11)));

    private static List<object?[]> Rows(SqliteConnection db, string sql)
    {
        using var c = db.CreateCommand();
        c.CommandText = sql;
        using var r = c.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (int k = 0; k < row.Length; k++) row[k] = r.IsDBNull(k) ? null : r.GetValue(k);
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public void WriteAll_TheExportsGeoPackage_IsTheStreamWritersBytes()
    {
        // The export has SQLite build places.gpkg in its temporary folder; Write(plan, stream) builds it in a file of its
        // own and copies it. Both must give the same file, and the export must leave no other file behind.
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 300 }, Trimming = { MinHomes = 150, MaxSpreadMeters = 4000 } })
            .Define(HomeSet.Create(SampleStock.Generate(20_000, 4, seed: 5)));
        string folder = Path.Combine(Path.GetTempPath(), $"placekit-test-{Guid.NewGuid():N}");
        try
        {
            PlanExporter.WriteAll(plan, folder);
            using var expected = new MemoryStream();
            PlacesGeoPackage.Write(plan, expected);
            Assert.Equal(expected.ToArray(), File.ReadAllBytes(Path.Combine(folder, "places.gpkg")));
            Assert.Equal([.. PlanExporter.FileNames.Order(StringComparer.Ordinal)],
                Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n != PlanExporter.MarkerFileName).Order(StringComparer.Ordinal));
            Assert.Throws<IOException>(() => PlacesGeoPackage.WriteNewFile(plan, Path.Combine(folder, "places.gpkg")));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Write_ReadBack_LayersSrsCountsAndGeometriesMatchThePlan()
    {
        var plan = Plan();
        Assert.NotEmpty(plan.Places);
        using (var file = File.Create(_path)) PlacesGeoPackage.Write(plan, file);

        using var db = new SqliteConnection($"Data Source={_path};Mode=ReadOnly;Pooling=False");
        db.Open();
        Assert.Equal(1196444487L, Rows(db, "PRAGMA application_id")[0][0]);
        var contents = Rows(db, "SELECT table_name, data_type, srs_id FROM gpkg_contents ORDER BY rowid");
        Assert.Equal(["places", "footprints", "homes"], contents.Select(r => (string)r[0]!));
        Assert.All(contents, r => Assert.Equal("features", r[1]));
        Assert.All(contents, r => Assert.Equal(27700L, r[2]));
        var srs = Rows(db, "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = 27700").Single();
        Assert.Equal("EPSG", srs[0]);
        Assert.Contains("British National Grid", (string)srs[2]!);
        Assert.Equal(["MULTIPOLYGON", "POLYGON", "POINT"], Rows(db, "SELECT geometry_type_name FROM gpkg_geometry_columns ORDER BY rowid").Select(r => (string)r[0]!));

        var reader = new GeoPackageGeoReader();
        var places = Rows(db, "SELECT geom, place_id, homes, polsby_popper FROM places ORDER BY fid");
        Assert.Equal(plan.Places.Count, places.Count);
        for (int p = 0; p < places.Count; p++)
        {
            var blob = (byte[])places[p][0]!;
            var g = reader.Read(blob);
            Assert.Equal("GP"u8.ToArray(), blob[..2]);
            Assert.Equal(1, blob[3] & 1); // little-endian header
            Assert.Equal(27700, BitConverter.ToInt32(blob, 4));
            Assert.Equal(plan.Places[p].Id, places[p][1]);
            Assert.Equal((long)plan.Places[p].Homes, places[p][2]);
            Assert.Equal(plan.Territories.Places[p].Territory.Area, g.Area, 6);
            Assert.Equal(plan.Territories.Places[p].PolsbyPopper, (double)places[p][3]!, 12);
        }

        Assert.Equal((long)plan.Places.Count, Rows(db, "SELECT count(*) FROM footprints")[0][0]);
        var homes = Rows(db, "SELECT geom, home_id, place_id, status FROM homes ORDER BY fid");
        Assert.Equal(plan.Homes.Count, homes.Count);
        for (int i = 0; i < homes.Count; i += 97)
        {
            var pt = reader.Read((byte[])homes[i][0]!);
            Assert.Equal(plan.Homes.X[i], pt.Coordinate.X);
            Assert.Equal(plan.Homes.Y[i], pt.Coordinate.Y);
            Assert.Equal(plan.Homes.Ids[i], homes[i][1]);
            Assert.Equal(plan.PlaceOf(i)?.Id, homes[i][2]);
            Assert.Equal(plan.PlaceOf(i) is null ? "unplaced" : "placed", homes[i][3]);
        }
    }

    /// <summary>
    /// The homes layer (issue 17: texts bound from UTF-8 bytes encoded once, point blobs written into one reused buffer)
    /// holds, row for row, what binding each home's own strings and a fresh NetTopologySuite blob gives: the exact blob
    /// bytes, the id (quotes, commas, non-ASCII, formula-like), authority, cluster, place id (NULL when unplaced), status
    /// and reason (empty text when there is none), on shaped stocks with blocks of flats and trimmed clusters.
    /// </summary>
    [Property(MaxTest = 12)]
    public Property Write_AnyPlan_HomesRowsAreEachHomesOwnValues() =>
        Prop.ForAll(
            Stocks.Gen().ToArbitrary(),
            stock =>
            {
                string[] odd = ["=SUM(A1)", "a,b", "say \"hi\"", "ünï-ç😀", "'+x", new string('w', 300)];
                var homes = stock.Homes.Select((h, i) => i % 7 == 0 ? h with { Id = $"{odd[i % odd.Length]}{i}" } : h).ToArray();
                var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = Math.Max(5, stock.TargetSize) }, Trimming = { MinHomes = 3, MaxSpreadMeters = 2000 } })
                    .Define(HomeSet.Create(homes));
                using (var file = File.Create(_path)) PlacesGeoPackage.Write(plan, file);
                using var db = new SqliteConnection($"Data Source={_path};Mode=ReadOnly;Pooling=False");
                db.Open();
                var rows = Rows(db, "SELECT geom, home_id, authority, cluster_id, place_id, status, reason, typeof(reason) FROM homes ORDER BY fid");
                if (rows.Count != plan.Homes.Count) return false.Label($"{rows.Count} rows for {plan.Homes.Count} homes");
                var reasons = new string?[plan.Homes.Count];
                foreach (var u in plan.Unplaced) reasons[u.Index] = u.ReasonText;
                foreach (var r in plan.Reassigned) reasons[r.Index] = r.Note;
                var factory = new GeometryFactory(new PrecisionModel(), 27700);
                for (int i = 0; i < rows.Count; i++)
                {
                    var place = plan.PlaceOf(i);
                    var blob = new GeoPackageGeoWriter { HandleOrdinates = Ordinates.XY }.Write(factory.CreatePoint(new Coordinate(plan.Homes.X[i], plan.Homes.Y[i])));
                    object?[] want = [blob, plan.Homes.Ids[i], plan.Homes.Authorities[plan.Homes.AuthorityIndex[i]], (long)plan.ClusterOfHome[i], place?.Id,
                        place is null ? "unplaced" : "placed", reasons[i] ?? "", "text"];
                    for (int k = 0; k < want.Length; k++)
                    {
                        bool same = want[k] is byte[] b ? rows[i][k] is byte[] got && got.AsSpan().SequenceEqual(b) : Equals(want[k], rows[i][k]);
                        if (!same) return false.Label($"home {i}, column {k}: '{rows[i][k]}' != '{want[k]}'");
                    }
                }

                SqliteConnection.ClearAllPools();
                return true.ToProperty();
            });
}
