using Microsoft.Data.Sqlite;
using PlaceKit.Homes;
using PlaceKit.Tests.Support;
using PlaceKit.Tests.Territories;

namespace PlaceKit.Tests.Homes;

/// <summary><c>--boundary-layer</c> / <c>TerritoryOptions.BoundaryLayer</c>: the authorities' layer of a GeoPackage with several.</summary>
public sealed class BoundaryLayerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-layer-" + Guid.NewGuid().ToString("N"));

    public BoundaryLayerTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    /// <summary>The fixture with a second layer 'wards' (a copy of one authority, same code field) and a layer 'rivers' without one.</summary>
    private string TwoLayers()
    {
        string path = Path.Combine(_dir, "layers.gpkg");
        File.Copy(BoundaryTerritoryTests.GeoPackage, path);
        using var db = new SqliteConnection($"Data Source={path};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            CREATE TABLE wards AS SELECT * FROM authorities WHERE LAD13CD = 'W06000001';
            INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('wards', 'features', 'wards', 27700);
            INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES ('wards', 'geom', 'MULTIPOLYGON', 27700, 0, 0);
            CREATE TABLE rivers AS SELECT fid, geom FROM authorities;
            INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('rivers', 'features', 'rivers', 27700);
            INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES ('rivers', 'geom', 'MULTIPOLYGON', 27700, 0, 0);
            """;
        cmd.ExecuteNonQuery();
        return path;
    }

    [Fact]
    public void Layer_PicksTheLayer_UnknownListsThem()
    {
        string path = TwoLayers();
        var several = Assert.Throws<BoundaryFileException>(() => AuthorityBoundaries.Read(path));
        Assert.Contains("several layers have a code field ('authorities', 'wards'); name the authorities' layer with --boundary-layer NAME", several.Message);
        Assert.Equal(BoundaryTerritoryTests.Codes, AuthorityBoundaries.Read(path, null, "authorities").Authorities.Order());
        Assert.Equal(["W06000001"], AuthorityBoundaries.Read(path, null, "WARDS").Authorities);
        var unknown = Assert.Throws<BoundaryFileException>(() => AuthorityBoundaries.Read(path, null, "lads"));
        Assert.EndsWith("has no feature layer 'lads'; its layers are 'authorities', 'rivers', 'wards'", unknown.Message);
        var noField = Assert.Throws<BoundaryFileException>(() => AuthorityBoundaries.Read(path, null, "rivers"));
        Assert.Contains("(layer 'rivers')", noField.Message);
        var notGpkg = Assert.Throws<BoundaryFileException>(() => AuthorityBoundaries.Read(BoundaryTerritoryTests.GeoJson, null, "authorities"));
        Assert.Contains("layers are only chosen in a GeoPackage", notGpkg.Message);
    }

    [Fact]
    public void Cli_BoundaryLayer_IsKeptInThePlan_AndUsedByReruns()
    {
        string path = TwoLayers();
        string homes = BoundaryTerritoryTests.Fixture("north-west-wales-homes.csv");
        string a = Path.Combine(_dir, "a");
        var (code, output, err) = CliRunner.Run("define", homes, "--out", a, "--target", "40", "--min-homes", "5", "--max-spread-m", "4000",
            "--boundaries", path, "--boundary-layer", "authorities", "--nearest-boundary", "5000");
        Assert.True(code == 0, err);
        Assert.Contains("territories clipped to 3 real boundaries", output);
        Assert.Contains("\"boundary_layer\":\"authorities\"", File.ReadAllText(Path.Combine(a, "plan.json")), StringComparison.Ordinal);
        (code, _, err) = CliRunner.Run("define", homes, "--previous", Path.Combine(a, "plan.json"), "--out", Path.Combine(_dir, "b"), "--nearest-boundary", "5000");
        Assert.True(code == 0, err);

        (code, _, err) = CliRunner.Run("define", homes, "--out", Path.Combine(_dir, "c"), "--boundaries", path, "--boundary-layer", "lads");
        Assert.Equal(2, code);
        Assert.Contains("its layers are 'authorities', 'rivers', 'wards'", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
