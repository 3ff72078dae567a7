using System.Diagnostics;
using System.Globalization;
using NetTopologySuite.Geometries;
using PlaceKit.Homes;
using PlaceKit.Tests.Territories;

namespace PlaceKit.Tests.Homes;

public class AuthorityBoundariesTests
{
    private static readonly PlanarProjection Bng = PlanarProjection.BritishNationalGrid;

    [Fact]
    public void Read_ThreeFormats_SameAuthoritiesAndAreas()
    {
        var json = AuthorityBoundaries.Read(BoundaryTerritoryTests.GeoJson);
        var gpkg = AuthorityBoundaries.Read(BoundaryTerritoryTests.GeoPackage);
        var shp = AuthorityBoundaries.Read(BoundaryTerritoryTests.Shapefile);
        Assert.Equal(("GeoJSON", "EPSG:4326", "LAD13CD"), (json.Format, json.SourceCrs, json.Field));
        Assert.Equal(("GeoPackage", "EPSG:27700", "LAD13CD"), (gpkg.Format, gpkg.SourceCrs, gpkg.Field));
        Assert.Equal(("Shapefile", "EPSG:27700", "LAD13CD"), (shp.Format, shp.SourceCrs, shp.Field));
        foreach (var b in new[] { json, gpkg, shp })
        {
            Assert.Equal(BoundaryTerritoryTests.Codes, b.Authorities);
        }

        foreach (var code in BoundaryTerritoryTests.Codes)
        {
            Assert.True(json.TryGetBoundary(code, Bng, out var a));
            Assert.True(gpkg.TryGetBoundary(code, Bng, out var b));
            Assert.True(shp.TryGetBoundary(code, Bng, out var c));
            // GDAL (ogr2ogr) made the BNG files from the GeoJSON; ProjNET's conversion of the GeoJSON agrees to well under a metre.
            Assert.Equal(b.Area, a.Area, 1e-6 * b.Area);
            Assert.Equal(b.Area, c.Area, 1e-9 * b.Area);
            Assert.True(a.EnvelopeInternal.Distance(b.EnvelopeInternal) < 1 && Math.Abs(a.EnvelopeInternal.MinX - b.EnvelopeInternal.MinX) < 1);
        }

        // A real coast: Anglesey is an island with Holy Island and islets around it; Gwynedd holds Bardsey.
        Assert.True(json.TryGetBoundary("W06000001", Bng, out var anglesey));
        Assert.IsType<MultiPolygon>(anglesey);
        Assert.True(anglesey.NumGeometries > 10, $"{anglesey.NumGeometries} parts");
        Assert.InRange(anglesey.Area / 1e6, 700, 730);
    }

    [SkippableFact]
    public void Read_GeoPackage_MatchesOgrinfo()
    {
        Skip.If(!File.Exists("/usr/bin/ogrinfo"), "GDAL's ogrinfo is not installed");
        var psi = new ProcessStartInfo("ogrinfo", ["-ro", "-q", "-dialect", "sqlite", "-sql", "SELECT LAD13CD, ST_Area(geom) AS a FROM authorities", BoundaryTerritoryTests.GeoPackage])
        {
            RedirectStandardOutput = true,
        };
        using var p = Process.Start(psi)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var codes = text.Split('\n').Where(l => l.Contains("LAD13CD (String) =", StringComparison.Ordinal)).Select(l => l.Split('=')[1].Trim()).ToArray();
        var areas = text.Split('\n').Where(l => l.Contains("a (Real) =", StringComparison.Ordinal)).Select(l => double.Parse(l.Split('=')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(BoundaryTerritoryTests.Codes, codes);
        var gpkg = AuthorityBoundaries.Read(BoundaryTerritoryTests.GeoPackage);
        for (int i = 0; i < codes.Length; i++)
        {
            Assert.True(gpkg.TryGetBoundary(codes[i], Bng, out var g));
            Assert.Equal(areas[i], g.Area, 1e-12 * areas[i]); // the same polygon: only summation order differs
        }
    }

    [Fact]
    public void Read_UtmPlan_ConvertsFromTheFilesCrs()
    {
        var utm = PlanarProjection.Utm(30, north: true);
        var gpkg = AuthorityBoundaries.Read(BoundaryTerritoryTests.GeoPackage);
        var json = AuthorityBoundaries.Read(BoundaryTerritoryTests.GeoJson);
        Assert.True(gpkg.TryGetBoundary("W06000003", utm, out var a));
        Assert.True(json.TryGetBoundary("W06000003", utm, out var b));
        Assert.Equal(b.Area, a.Area, 1e-5 * b.Area);
        Assert.InRange(a.EnvelopeInternal.MinX, 300_000, 600_000); // UTM 30N eastings, not BNG
    }

    [Theory]
    [InlineData("LAD13NM", "Gwynedd")]
    [InlineData("lad13cd", "W06000002")]
    public void Read_NamedField_CaseInsensitive(string field, string code)
    {
        var b = AuthorityBoundaries.Read(BoundaryTerritoryTests.GeoJson, field);
        Assert.Contains(code, b.Authorities);
    }

    private static string Temp(string name, string text)
    {
        string dir = Directory.CreateTempSubdirectory("placekit-b").FullName;
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Collection(string properties, string geometry) =>
        $$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{{properties}},"geometry":{{geometry}}}]}""";

    private const string Square = """{"type":"Polygon","coordinates":[[[-4,53],[-3.9,53],[-3.9,53.1],[-4,53.1],[-4,53]]]}""";

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("unknown-field", "has no field 'LAD99CD'; it has fields LAD13CD, LAD13NM")]
    [InlineData("no-default-field", "has none of the usual code fields")]
    [InlineData("format", "unknown format '.csv'")]
    [InlineData("line", "feature 1 (code = 'E1'): the geometry is a LineString")]
    [InlineData("no-geometry", "feature 1 (code = 'E1'): the feature has no geometry")]
    [InlineData("empty-code", "feature 1: field 'code' is empty")]
    [InlineData("metres", "are not longitude/latitude")]
    [InlineData("truncated", "could not be read as GeoJSON")]
    [InlineData("not-collection", "is not a GeoJSON FeatureCollection")]
    [InlineData("not-gpkg", "is not a GeoPackage")]
    [InlineData("no-prj", "has no .prj beside it")]
    [InlineData("unknown-epsg", "EPSG:2157, which PlaceKit does not know by code")]
    public void Read_BadFile_ThrowsNamingFileAndProblem(string kind, string expected)
    {
        string path = kind switch
        {
            "missing" => Path.Combine(Path.GetTempPath(), "no-such-boundaries.geojson"),
            "unknown-field" => BoundaryTerritoryTests.GeoJson,
            "no-default-field" => Temp("b.geojson", Collection("""{"name":"x"}""", Square)),
            "format" => Temp("b.csv", "code\nE1\n"),
            "line" => Temp("b.geojson", Collection("""{"code":"E1"}""", """{"type":"LineString","coordinates":[[-4,53],[-3.9,53]]}""")),
            "no-geometry" => Temp("b.geojson", Collection("""{"code":"E1"}""", "null")),
            "empty-code" => Temp("b.geojson", Collection("""{"code":" "}""", Square)),
            "metres" => Temp("b.geojson", Collection("""{"code":"E1"}""", """{"type":"Polygon","coordinates":[[[250000,370000],[260000,370000],[260000,380000],[250000,370000]]]}""")),
            "truncated" => Temp("b.geojson", Collection("""{"code":"E1"}""", Square)[..60]),
            "not-collection" => Temp("b.geojson", Square),
            "not-gpkg" => Temp("b.gpkg", "this is not SQLite"),
            "no-prj" => CopyShapefileWithoutPrj(),
            "unknown-epsg" => Temp("b.geojson", Collection("""{"code":"E1"}""", Square).Replace("{\"type\":\"FeatureCollection\",", "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::2157\"}},", StringComparison.Ordinal)),
            _ => throw new ArgumentException(kind),
        };
        var ex = Assert.Throws<BoundaryFileException>(() => AuthorityBoundaries.Read(path, kind == "unknown-field" ? "LAD99CD" : null));
        Assert.Contains(expected, ex.Message);
        Assert.Contains(Path.GetFileName(path), ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    private static string CopyShapefileWithoutPrj()
    {
        string dir = Directory.CreateTempSubdirectory("placekit-b").FullName;
        foreach (var ext in new[] { ".shp", ".shx", ".dbf" })
        {
            File.Copy(Path.ChangeExtension(BoundaryTerritoryTests.Shapefile, ext), Path.Combine(dir, "b" + ext));
        }

        return Path.Combine(dir, "b.shp");
    }

    [Fact]
    public void Read_GeoJsonWithBngCrsMember_IsReadInBng()
    {
        string path = Temp("b.geojson", """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},
             "features":[{"type":"Feature","properties":{"code":"E1"},"geometry":{"type":"Polygon","coordinates":[[[250000,370000],[260000,370000],[260000,380000],[250000,370000]]]}}]}
            """);
        var b = AuthorityBoundaries.Read(path);
        Assert.Equal("EPSG:27700", b.SourceCrs);
        Assert.True(b.TryGetBoundary("E1", Bng, out var g));
        Assert.Equal(0.5 * 10_000 * 10_000, g.Area, 1e-6);
    }

    [Fact]
    public void Read_SeveralFeaturesOneCode_Merged_AndBowTieRepaired()
    {
        string path = Temp("b.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"code":"E1"},"geometry":{"type":"Polygon","coordinates":[[[-4,53],[-3.9,53],[-3.9,53.1],[-4,53.1],[-4,53]]]}},
             {"type":"Feature","properties":{"code":"E1"},"geometry":{"type":"Polygon","coordinates":[[[-3.9,53],[-3.8,53],[-3.8,53.1],[-3.9,53.1],[-3.9,53]]]}},
             {"type":"Feature","properties":{"code":2},"geometry":{"type":"Polygon","coordinates":[[[-3,53],[-2.9,53.1],[-2.9,53],[-3,53.1],[-3,53]]]}}]}
            """);
        var b = AuthorityBoundaries.Read(path);
        Assert.Equal(["E1", "2"], b.Authorities);
        Assert.Equal(1, b.RepairedFeatures);
        Assert.True(b.TryGetBoundary("E1", Bng, out var merged));
        Assert.IsType<Polygon>(merged);
        Assert.True(b.TryGetBoundary("2", Bng, out var bowTie));
        Assert.True(bowTie.IsValid && bowTie.Area > 0);
    }
}
