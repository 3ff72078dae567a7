using PlaceKit.Cli;
using static PlaceKit.Tests.Support.CliRunner;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Cli;

public sealed class SweepCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-sweep-" + Guid.NewGuid().ToString("N"));

    public SweepCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Sweep_Sample_PrintsOneRowPerCombination()
    {
        var (code, output, err) = Run("sweep", "--min-homes", "300,450", "--max-spread-m", "1500,2500,4000");
        Assert.True(code == 0, err);
        Assert.Contains("target  min homes  max spread m  places  mean size", output);
        var rows = output.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+450\s+\d")).ToArray();
        Assert.Equal(6, rows.Length);
        Assert.Matches(@"^\s+450\s+300\s+1,500\s+\d+\s+[\d,]+\s+[\d,]+-[\d,]+\s+[\d,]+\s+\d+\.\d%", rows[0]);
    }

    [Fact]
    public void Sweep_InfiniteSpread_IsRefusedBeforeReadingTheInput()
    {
        // The input does not exist: an error about the option proves it was checked first.
        var (code, _, err) = Run("sweep", Path.Combine(_dir, "missing.csv"), "--max-spread-m", "1500,Infinity");
        Assert.Equal(2, code);
        Assert.Equal("error: invalid option --max-spread-m: Trimming.MaxSpreadMeters: must be a finite number > 0 (for no limit give a large number such as 1e9), was Infinity", err.Trim());
    }

    [Theory]
    [InlineData("--min-homes", "300,4x0", "error: --min-homes: '4x0' is not a whole number")]
    [InlineData("--max-spread-m", "1500,abc", "error: --max-spread-m: 'abc' is not a number")]
    [InlineData("--target", "0", "error: invalid option --target: Clustering.TargetSize: must be >= 1, was 0")]
    [InlineData("--min-homes", "0", "error: invalid option --min-homes: Trimming.MinHomes: must be >= 1, was 0")]
    public void Sweep_BadList_Exits2WithOneLine(string option, string value, string expected)
    {
        var (code, output, err) = Run("sweep", option, value);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(expected, err.Trim());
    }

    [Fact]
    public void Define_SizeConstrained_WithReassign_PrintsAlgorithmAndReassignment()
    {
        var (code, output, err) = Run("define", "--out", _dir, "--algorithm", "size-constrained", "--reassign", "--max-radius-m", "3000");
        Assert.True(code == 0, err);
        Assert.Contains("size-constrained", output);
        Assert.Matches(@"Reassigned [\d,]+ homes of trimmed clusters joined a place: placed [\d,]+ before, [\d,]+ after", output);
        Assert.Contains("\"reassigned_homes\"", File.ReadAllText(Path.Combine(_dir, "coverage.json")));
    }

    [Theory]
    [InlineData("--min-size", "0", "Clustering.MinSize: must be >= 1, was 0")]
    [InlineData("--max-size", "100", "Clustering.MaxSize: must be >= the minimum size 225, was 100")]
    [InlineData("--max-radius-m", "-5", "Clustering.MaxRadiusMeters: must be a finite number > 0, was -5")]
    [InlineData("--reassign-margin-m", "-1", "Trimming.ReassignMarginMeters: must be a finite number >= 0, was -1")]
    public void Define_BadNewOption_Exits2NamingFieldAndValue(string option, string value, string expected)
    {
        var (code, _, err) = Run("define", "--out", _dir, option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
    }

    [Fact]
    public void Define_UnknownAlgorithm_Exits2()
    {
        var (code, _, err) = Run("define", "--out", _dir, "--algorithm", "dbscan");
        Assert.NotEqual(0, code);
        Assert.Contains("dbscan", err);
    }
}
