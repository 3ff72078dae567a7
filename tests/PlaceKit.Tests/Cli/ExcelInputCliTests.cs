using System.Globalization;
using PlaceKit.Homes;
using PlaceKit.Tests.Support;
using static PlaceKit.Tests.Support.CliRunner;

namespace PlaceKit.Tests.Cli;

/// <summary><c>define</c>, <c>define --previous</c> and <c>sweep</c> read an .xlsx workbook of homes as they read the same stock as CSV.</summary>
public sealed class ExcelInputCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-xlsxcli-" + Guid.NewGuid().ToString("N"));

    public ExcelInputCliTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private (string Csv, string Xlsx) Stock()
    {
        var homes = SampleStock.Generate(3_000, 3, 11);
        var text = new StringWriter();
        HomeCsv.Write(homes, text);
        string csv = Path.Combine(_dir, "stock.csv");
        File.WriteAllText(csv, text.ToString());
        string xlsx = Path.Combine(_dir, "stock.xlsx");
        TestXlsx.Write(xlsx,
            ("Read me", ["note"], [["homes are on the Stock sheet"]]),
            ("Stock", ["id", "easting", "northing", "authority"], File.ReadLines(csv).Skip(1).Select(l => l.Split(','))
                .Select(f => new object?[] { f[0], double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), f[3] }).ToList()));
        return (csv, xlsx);
    }

    [Fact]
    public void Define_Workbook_WithSheet_WritesTheSamePlanAsTheCsv()
    {
        var (csv, xlsx) = Stock();
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        var (code, _, err) = Run("define", csv, "--out", a, "--target", "150");
        Assert.True(code == 0, err);
        (code, var output, err) = Run("define", xlsx, "--sheet", "Stock", "--out", b, "--target", "150");
        Assert.True(code == 0, err);
        Assert.Contains("stock.xlsx", output);
        Assert.Equal(File.ReadAllText(Path.Combine(a, "homes.csv")), File.ReadAllText(Path.Combine(b, "homes.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(a, "clusters.csv")), File.ReadAllText(Path.Combine(b, "clusters.csv")));

        // A re-run from the previous plan reads the workbook too.
        (code, _, err) = Run("define", xlsx, "--sheet", "Stock", "--previous", Path.Combine(b, "plan.json"), "--out", Path.Combine(_dir, "c"));
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(_dir, "c", "changes.csv")));
    }

    [Fact]
    public void Define_Workbook_FirstSheetOrUnknownSheet_Exits2WithOneLineEach()
    {
        var (_, xlsx) = Stock();
        var (code, output, err) = Run("define", xlsx, "--out", Path.Combine(_dir, "o"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("  sheet 'Read me', row 1: missing column id", err);
        (code, _, err) = Run("define", xlsx, "--sheet", "Homes", "--out", Path.Combine(_dir, "o"));
        Assert.Equal(2, code);
        Assert.Contains("the workbook has no sheet 'Homes'; its sheets are 'Read me', 'Stock'", err);
        Assert.DoesNotContain("   at ", err);
        (code, _, err) = Run("define", "--sheet", "Stock", "--out", Path.Combine(_dir, "o"));
        Assert.Equal(2, code);
        Assert.Contains("--sheet needs an input workbook", err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "o")) && Directory.EnumerateFiles(Path.Combine(_dir, "o")).Any());
    }

    [Fact]
    public void Sweep_Workbook_MatchesTheCsv()
    {
        var (csv, xlsx) = Stock();
        var (code, fromCsv, err) = Run("sweep", csv, "--target", "150", "--min-homes", "100,150");
        Assert.True(code == 0, err);
        (code, var fromXlsx, err) = Run("sweep", xlsx, "--sheet", "Stock", "--target", "150", "--min-homes", "100,150");
        Assert.True(code == 0, err);
        static string Table(string s) => string.Join("\n", s.Split('\n').Where(l => !l.Contains(".csv", StringComparison.Ordinal) && !l.Contains(".xlsx", StringComparison.Ordinal) && !l.Contains(" s", StringComparison.Ordinal)));
        Assert.Equal(Table(fromCsv), Table(fromXlsx));
    }
}
