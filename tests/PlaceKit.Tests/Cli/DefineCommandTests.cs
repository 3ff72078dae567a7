using PlaceKit.Cli;
using static PlaceKit.Tests.Support.CliRunner;

namespace PlaceKit.Tests.Cli;

public sealed class DefineCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-cli-" + Guid.NewGuid().ToString("N"));

    public DefineCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Define_NoInput_UsesSampleAndWritesFourFiles()
    {
        string outDir = Path.Combine(_dir, "out");
        var (code, output, err) = Run("define", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("built-in sample stock (45,000 homes, 25 authorities)", output);
        Assert.Matches(@"Coverage\s+\d+\.\d%", output);
        foreach (var f in new[] { "homes.csv", "clusters.csv", "places.geojson", "coverage.json" }) Assert.True(File.Exists(Path.Combine(outDir, f)), f);
    }

    [Fact]
    public void Define_MalformedCsv_PrintsOneLinePerProblemAndExits2()
    {
        string csv = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(csv, "id,easting,northing,authority\nH1,abc,292071.1,E1\nH1,398763.3,292071.1,E1\nH1,398763.3,292071.1,E1\n");
        var (code, output, err) = Run("define", csv, "--out", Path.Combine(_dir, "o"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("error: 3 problems in the input homes", lines[0]);
        Assert.Equal("  line 2, home 'H1', field 'easting' = 'abc': easting is not a number", lines[1]);
        Assert.Equal("  line 3, home 'H1', field 'id' = 'H1': duplicate id: also on line 2", lines[2]);
        Assert.Equal("  line 4, home 'H1', field 'id' = 'H1': duplicate id: also on line 2", lines[3]);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void Define_MissingFile_Exits2WithOneLine()
    {
        var (code, _, err) = Run("define", Path.Combine(_dir, "nope.csv"), "--out", _dir);
        Assert.Equal(2, code);
        Assert.StartsWith("error: input file", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("--target", "0", "Clustering.TargetSize: must be >= 1, was 0")]
    [InlineData("--max-spread-m", "NaN", "Trimming.MaxSpreadMeters: must be a finite number > 0 (for no limit give a large number such as 1e9), was NaN")]
    [InlineData("--min-homes", "-3", "Trimming.MinHomes: must be >= 1, was -3")]
    [InlineData("--crs", "EPSG:9999", "EPSG:9999 is not a CRS PlaceKit knows by code")]
    public void Define_BadOption_Exits2NamingOptionAndValue(string option, string value, string expected)
    {
        var (code, _, err) = Run("define", "--out", _dir, option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
    }
}
