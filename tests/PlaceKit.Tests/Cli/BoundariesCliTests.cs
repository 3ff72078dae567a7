using System.Text.Json;
using PlaceKit.Homes;
using PlaceKit.Tests.Support;
using PlaceKit.Tests.Territories;

namespace PlaceKit.Tests.Cli;

public sealed class BoundariesCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("placekit-cli-b").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string HomesCsv()
    {
        var (homes, _) = new BoundaryTerritoryTests.WalesStock(3, 50, 20, 1, 2, 4).Build();
        string path = Path.Combine(_dir, "homes.csv");
        using var w = new StreamWriter(path);
        HomeCsv.Write(Enumerable.Range(0, homes.Count).Select(i => homes[i]), w);
        return path;
    }

    [Theory]
    [InlineData("north-west-wales.geojson")]
    [InlineData("north-west-wales-bng.gpkg")]
    [InlineData("north-west-wales-bng.shp")]
    public void Define_Boundaries_ClipsToThemAndReportsHomesOutside(string file)
    {
        string outDir = Path.Combine(_dir, "out");
        var (code, output, error) = CliRunner.Run("define", HomesCsv(), "--out", outDir, "--target", "40", "--min-homes", "5", "--max-spread-m", "4000",
            "--boundaries", BoundaryTerritoryTests.Fixture(file));
        Assert.True(code == 0, error);
        Assert.Contains($"Boundaries {file}: territories clipped to 3 real boundaries; 3 homes lie outside their authority's boundary", output);
        using var coverage = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "coverage.json")));
        var byAuthority = coverage.RootElement.GetProperty("by_authority").EnumerateArray().ToArray();
        Assert.Equal(3, byAuthority.Length);
        Assert.All(byAuthority, a => Assert.Equal("boundary", a.GetProperty("area_source").GetString()));
        Assert.All(byAuthority, a => Assert.Equal(1, a.GetProperty("homes_outside_boundary").GetInt32()));
        Assert.Contains(BoundaryTerritoryTests.Fixture(file), File.ReadAllText(Path.Combine(outDir, "plan.json")).Replace("\\\\", "\\", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--boundary-field", "LAD99CD", "has no field 'LAD99CD'; it has fields LAD13CD, LAD13NM")]
    [InlineData("--boundary-field", "LAD13NM", "authority W06000001 (")]
    public void Define_BadBoundaries_Exits2WithOneLine(string option, string value, string expected)
    {
        var (code, _, error) = CliRunner.Run("define", HomesCsv(), "--out", Path.Combine(_dir, "out"), "--target", "40",
            "--boundaries", BoundaryTerritoryTests.Fixture("north-west-wales.geojson"), option, value);
        Assert.Equal(2, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
        Assert.Single(lines);
        Assert.Contains(expected, error);
        Assert.DoesNotContain(" at PlaceKit", error);
    }

    [Fact]
    public void Define_NoAuthorityColumn_AuthoritiesFromBoundaries_NearestReported()
    {
        string csv = Path.Combine(_dir, "noauth.csv");
        File.WriteAllText(csv, "id,longitude,latitude\na,-4.633,53.309\nb,-4.275,53.140\nc,-3.827,53.322\nsea,-4.70,53.33\n");
        string lads = BoundaryTerritoryTests.Fixture("north-west-wales.geojson");
        var (code, _, error) = CliRunner.Run("define", csv, "--out", Path.Combine(_dir, "o1"), "--target", "1", "--boundaries", lads);
        Assert.Equal(2, code);
        Assert.Contains("line 5, home 'sea', field 'longitude,latitude' = '-4.7,53.33': the home lies in no authority boundary", error);
        var (code2, output2, error2) = CliRunner.Run("define", csv, "--out", Path.Combine(_dir, "o2"), "--target", "1", "--boundaries", lads, "--nearest-boundary", "2000");
        Assert.True(code2 == 0, error2);
        Assert.Contains("Homes      4 in 3 authorities", output2);
        Assert.Contains("authority taken from the boundary holding the home for 3 homes", output2);
        Assert.Contains("1 home in no boundary took the nearest (--nearest-boundary): sea -> W06000001", output2);
        var (code3, _, error3) = CliRunner.Run("define", csv, "--out", Path.Combine(_dir, "o3"), "--nearest-boundary", "2000");
        Assert.Equal(2, code3);
        Assert.Contains("--nearest-boundary needs --boundaries FILE", error3);
    }

    [Fact]
    public void DefineThenAdjust_MovedBoundaries_FailsClearly_ThenUsesTheNewPath()
    {
        string lads = Path.Combine(_dir, "lads.geojson");
        File.Copy(BoundaryTerritoryTests.GeoJson, lads);
        string first = Path.Combine(_dir, "first");
        Assert.Equal(0, CliRunner.Run("define", HomesCsv(), "--out", first, "--target", "40", "--min-homes", "5", "--max-spread-m", "4000", "--boundaries", lads).Code);
        string moved = Path.Combine(_dir, "moved.geojson");
        File.Move(lads, moved);
        string edits = Path.Combine(_dir, "edits.csv");
        File.WriteAllText(edits, "action,targets,argument\nremove,P1,\n");
        var (code, _, error) = CliRunner.Run("adjust", Path.Combine(first, "plan.json"), edits, "--out", Path.Combine(_dir, "adjusted"));
        Assert.Equal(2, code);
        Assert.Contains("lads.geojson', which does not exist", error);
        var (code2, output2, error2) = CliRunner.Run("adjust", Path.Combine(first, "plan.json"), edits, "--out", Path.Combine(_dir, "adjusted"), "--boundaries", moved);
        Assert.True(code2 == 0, error2);
        Assert.Contains("Boundaries moved.geojson", output2);
        var (code3, output3, error3) = CliRunner.Run("define", HomesCsv(), "--out", Path.Combine(_dir, "rerun"), "--previous", Path.Combine(first, "plan.json"), "--boundaries", moved);
        Assert.True(code3 == 0, error3);
        Assert.Contains("Boundaries moved.geojson", output3);
    }
}
