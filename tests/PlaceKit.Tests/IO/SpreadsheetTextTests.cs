using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.IO;
using PlaceKit.Planning;
using static PlaceKit.Tests.Support.CliRunner;
using PlaceKit.Persistence;

namespace PlaceKit.Tests.IO;

/// <summary>Every CSV PlaceKit writes is safe to open in a spreadsheet, and PlaceKit reads back the exact ids.</summary>
public sealed class SpreadsheetTextTests : IDisposable
{
    private static readonly string[] Hostile = ["=HYPERLINK(\"http://x\",\"y\")", "+SUM(1)", "@cmd", "-2+3", "'=already", "''", "'plain", "=", "-"];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-sheet-" + Guid.NewGuid().ToString("N"));

    public SpreadsheetTextTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(1)", "'+SUM(1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("'=x", "''=x")]
    [InlineData("'abc", "'abc")]
    [InlineData("H1", "H1")]
    [InlineData("", "")]
    public void Escape_FormulaLikeCells_GetTheTextMark(string cell, string written) => Assert.Equal(written, SpreadsheetText.Escape(cell));

    private static Arbitrary<string> Cells() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            from head in Gen.Elements("=", "+", "-", "@", "'", "''", "'=", "\t", "\r")
            from tail in ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)
            select head + tail).ToArbitrary();

    [Property(MaxTest = 1000)]
    public Property Unescape_OfEscape_IsTheSameText_AndNoWrittenCellIsAFormula() =>
        Prop.ForAll(Cells(), s =>
        {
            string w = SpreadsheetText.Escape(s);
            return SpreadsheetText.Unescape(w) == s && !SpreadsheetText.IsFormulaLike(w);
        });

    private string Stock()
    {
        // Four authorities, one of them formula-like; hostile ids among ordinary ones.
        var homes = SampleStock.Generate(800, 4, 5).Select((h, i) => h with
        {
            Id = i < Hostile.Length ? Hostile[i] : h.Id,
            Authority = h.Authority == SampleStock.Generate(800, 4, 5)[0].Authority ? "=A1" : h.Authority,
        }).ToList();
        string path = Path.Combine(_dir, "homes.csv");
        using (var w = new StreamWriter(path)) HomeCsv.Write(homes, w);
        return path;
    }

    [Fact]
    public void HomeCsv_WriteThenRead_GivesTheExactIds()
    {
        var set = HomeCsv.Read(Stock());
        Assert.Equal(Hostile, set.Ids.Take(Hostile.Length));
        Assert.Contains("=A1", set.Authorities);
    }

    [Fact]
    public void Define_Adjust_Diff_NoCsvCellStartsAFormula_AndEditsCopiedFromHomesCsvWork()
    {
        string stock = Stock();
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        var (code, _, err) = Run("define", stock, "--out", a, "--target", "100");
        Assert.True(code == 0, err);
        var plan = PlanFile.Load(Path.Combine(a, "plan.json"));

        // A person copies two hostile ids from homes.csv as the spreadsheet shows them (with the text mark) into an edit.
        string homesCsv = File.ReadAllText(Path.Combine(a, "homes.csv"));
        Assert.Contains("'=HYPERLINK", homesCsv, StringComparison.Ordinal);
        string auth = plan.Homes.Authorities[plan.Homes.AuthorityIndex[1]];
        int other = Enumerable.Range(0, plan.Homes.Count).First(i => i >= Hostile.Length && plan.Homes.AuthorityIndex[i] == plan.Homes.AuthorityIndex[1]);
        string edits = Path.Combine(_dir, "edits.csv");
        File.WriteAllText(edits, $"action,targets,argument\ncreate,'+SUM(1);{plan.Homes.Ids[other]},=cmd|' /C calc'!A0\n");
        Assert.Equal(auth, plan.Homes.Authorities[plan.Homes.AuthorityIndex[1]]);
        (code, _, err) = Run("adjust", Path.Combine(a, "plan.json"), edits, "--out", b);
        Assert.True(code == 0, err);
        var edited = PlanFile.Load(Path.Combine(b, "plan.json"));
        Assert.Equal("=cmd|' /C calc'!A0", edited.PlaceOf(1)?.Id);
        (code, _, err) = Run("diff", Path.Combine(a, "plan.json"), Path.Combine(b, "plan.json"), "--changes", Path.Combine(_dir, "changes.csv"));
        Assert.True(code == 0, err);

        foreach (string file in (string[])[Path.Combine(a, "homes.csv"), Path.Combine(a, "clusters.csv"), Path.Combine(b, "homes.csv"), Path.Combine(b, "changes.csv")])
        {
            using var reader = new CsvHelper.CsvParser(new StreamReader(file), System.Globalization.CultureInfo.InvariantCulture);
            int formulaCells = 0, marked = 0;
            while (reader.Read())
            {
                foreach (var cell in reader.Record!)
                {
                    if (SpreadsheetText.IsFormulaLike(cell) && !double.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _)) formulaCells++;
                    if (cell.StartsWith("'=", StringComparison.Ordinal) || cell.StartsWith("'+", StringComparison.Ordinal)) marked++;
                }
            }

            Assert.True(formulaCells == 0, $"{file}: {formulaCells} cells a spreadsheet would run");
            Assert.True(marked > 0, $"{file}: no hostile cell at all, the test proves nothing");
        }
    }
}
