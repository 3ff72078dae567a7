using Microsoft.Extensions.Options;
using PlaceKit.Cli;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Tests.Homes;

/// <summary>Every invalid option is rejected before any work, naming the option and its value, in the CLI and in the library.</summary>
public sealed class BadInputOptionsTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "placekit-opt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, true);
    }

    [Theory]
    [InlineData("--target", "0", "error: invalid option --target: Clustering.TargetSize: must be >= 1, was 0")]
    [InlineData("--target", "-450", "error: invalid option --target: Clustering.TargetSize: must be >= 1, was -450")]
    [InlineData("--min-homes", "0", "error: invalid option --min-homes: Trimming.MinHomes: must be >= 1, was 0")]
    [InlineData("--max-spread-m", "NaN", "error: invalid option --max-spread-m: Trimming.MaxSpreadMeters: must be a finite number > 0 (for no limit give a large number such as 1e9), was NaN")]
    [InlineData("--max-spread-m", "-1", "error: invalid option --max-spread-m: Trimming.MaxSpreadMeters: must be a finite number > 0 (for no limit give a large number such as 1e9), was -1")]
    [InlineData("--max-spread-m", "Infinity", "error: invalid option --max-spread-m: Trimming.MaxSpreadMeters: must be a finite number > 0 (for no limit give a large number such as 1e9), was Infinity")]
    [InlineData("--max-spread-m", "1e400", "error: invalid option --max-spread-m: Trimming.MaxSpreadMeters: must be a finite number > 0 (for no limit give a large number such as 1e9), was Infinity")]
    [InlineData("--max-radius-m", "Infinity", "error: invalid option --max-radius-m: Clustering.MaxRadiusMeters: must be a finite number > 0, was Infinity")]
    [InlineData("--reassign-margin-m", "Infinity", "error: invalid option --reassign-margin-m: Trimming.ReassignMarginMeters: must be a finite number >= 0, was Infinity")]
    [InlineData("--threads", "-4", "error: invalid option --threads: MaxDegreeOfParallelism: must be -1 (all cores) or > 0, was -4")]
    [InlineData("--threads", "0", "error: invalid option --threads: MaxDegreeOfParallelism: must be -1 (all cores) or > 0, was 0")]
    [InlineData("--crs", "EPSG:9999", "error: invalid option --crs 'EPSG:9999': EPSG:9999 is not a CRS PlaceKit knows by code (known: 27700, 32601-32660, 32701-32760, 3857); pass its WKT instead")]
    [InlineData("--crs", "lambert", "error: invalid option --crs 'lambert': 'lambert' is not a CRS: give EPSG:N or the WKT of a projected CRS")]
    public void Cli_InvalidOption_Exits2WithOneLineNamingOptionAndValue_BeforeAnyWork(string option, string value, string expected)
    {
        // A missing input file proves no work started: the option is rejected before the input is even looked at.
        var o = new StringWriter();
        var e = new StringWriter();
        int code = PlaceKitCli.Run(["define", Path.Combine(_out, "no-such-input.csv"), "--out", _out, option, value], o, e);
        Assert.Equal(2, code);
        Assert.Equal("", o.ToString());
        Assert.Equal([expected], e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(_out));
    }

    [Theory]
    [InlineData("--target", "abc")]
    [InlineData("--threads", "1.5")]
    [InlineData("--seed", "x")]
    public void Cli_UnparsableOption_Exits2NamingTheValue(string option, string value)
    {
        var e = new StringWriter();
        int code = PlaceKitCli.Run(["define", "--out", _out, option, value], new StringWriter(), e);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", e.ToString());
        Assert.Contains(value, e.ToString());
        Assert.False(Directory.Exists(_out));
    }

    public static TheoryData<Action<PlaceKitOptions>, string> LibraryCases() => new()
    {
        { o => o.Clustering.TargetSize = 0, "Property Clustering.TargetSize: must be >= 1, was 0" },
        { o => o.Clustering.TargetSize = -3, "Property Clustering.TargetSize: must be >= 1, was -3" },
        { o => o.Trimming.MinHomes = 0, "Property Trimming.MinHomes: must be >= 1, was 0" },
        { o => o.Trimming.MaxSpreadMeters = double.NaN, "Property Trimming.MaxSpreadMeters: must be a finite number > 0 (for no limit give a large number such as 1e9), was NaN" },
        { o => o.MaxDegreeOfParallelism = -2, "Property MaxDegreeOfParallelism: must be -1 (all cores) or > 0, was -2" },
        { o => o.Clustering.Tolerance = double.PositiveInfinity, "Property Clustering.Tolerance: must be a finite number >= 0, was Infinity" },
        { o => o.Scoring.MinRadiusMeters = double.NaN, "Property Scoring.MinRadiusMeters: must be a finite number > 0, was NaN" },
    };

    [Theory]
    [MemberData(nameof(LibraryCases))]
    public void Library_InvalidOption_ThrowsNamingFieldAndValue(Action<PlaceKitOptions> spoil, string expected)
    {
        var options = new PlaceKitOptions();
        spoil(options);
        var ex = Assert.Throws<OptionsValidationException>(() => PlaceDefiner.Create(options));
        Assert.Equal([expected], ex.Failures);
    }

    [Theory]
    [InlineData("EPSG:9999")]
    [InlineData("lambert")]
    [InlineData("PROJCS[broken")]
    public void Library_UnknownCrs_ThrowsArgumentExceptionNamingIt(string crs)
    {
        var ex = Assert.Throws<ArgumentException>(() => PlanarProjection.Parse(crs));
        Assert.Contains(crs.StartsWith("PROJCS", StringComparison.Ordinal) ? "WKT" : crs, ex.Message);
    }
}
