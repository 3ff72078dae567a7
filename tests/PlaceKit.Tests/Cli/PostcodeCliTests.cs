using static PlaceKit.Tests.Support.CliRunner;

namespace PlaceKit.Tests.Cli;

/// <summary><c>define --postcodes</c> and <c>sweep --postcodes</c> locate homes that have a postcode and no coordinates.</summary>
public sealed class PostcodeCliTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Data", "postcodes", "onspd-sample.csv");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-pccli-" + Guid.NewGuid().ToString("N"));

    public PostcodeCliTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Define_WithPostcodes_LocatesAndReports()
    {
        string homes = Path.Combine(_dir, "homes.csv");
        File.WriteAllText(homes, "id,postcode,authority\nA,LL55 1TH,\nB,ll55 1as,\nC,LL57 1UT,W06000001\nD,CF10 1EP,\nE,cf10 3at,\nF,CF24 0AA,\n");
        string outDir = Path.Combine(_dir, "out");
        var (code, output, err) = Run("define", homes, "--postcodes", Fixture, "--target", "2", "--min-homes", "1", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("Postcodes  6 homes located at their postcode's centroid (onspd-sample.csv), 5 taking its oslaua as authority", output);
        Assert.Contains("1 home's authority disagrees with its postcode's oslaua (the homes' column wins): C (line 4) W06000001 but LL57 1UT is in W06000002", output);
        var rows = File.ReadAllLines(Path.Combine(outDir, "homes.csv"));
        Assert.Equal(7, rows.Length);
        Assert.Contains(rows, r => r.StartsWith("D,W06000015,", StringComparison.Ordinal) && r.Contains(",318520,176030,", StringComparison.Ordinal));

        (code, output, err) = Run("sweep", homes, "--postcodes", Fixture, "--target", "2", "--min-homes", "1,2");
        Assert.True(code == 0, err);
    }

    [Fact]
    public void Define_BadPostcodes_Exits2NamingLineIdAndPostcode()
    {
        string homes = Path.Combine(_dir, "homes.csv");
        File.WriteAllText(homes, "id,postcode\nA,LL55 1TH\nB,LL55 2BD\nC,XX1 1XX\n");
        var (code, output, err) = Run("define", homes, "--postcodes", Fixture, "--out", Path.Combine(_dir, "o"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("error: 2 problems in the input homes", lines[0]);
        Assert.StartsWith("  line 3, home 'B', field 'postcode' = 'LL55 2BD': postcode LL55 2BD was terminated (doterm 201106", lines[1]);
        Assert.StartsWith("  line 4, home 'C', field 'postcode' = 'XX1 1XX': postcode XX1 1XX is not in the postcode directory 'onspd-sample.csv'", lines[2]);

        (code, _, err) = Run("define", homes, "--postcodes", Path.Combine(_dir, "nope.csv"), "--out", Path.Combine(_dir, "o"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: postcode directory file", err);
        Assert.DoesNotContain("   at ", err);
    }
}
