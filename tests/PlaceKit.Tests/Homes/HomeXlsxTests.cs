using System.Globalization;
using System.IO.Compression;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Homes;

/// <summary>How a generated stock is laid out in a workbook: which cells are numbers and which are text holding numbers, numeric ids, blank rows.</summary>
public sealed record XlsxLayout(TestStock Stock, int Seed, bool NumericIds, double TextNumberShare, bool Weights)
{
    public override string ToString() => $"{Stock}, layout seed {Seed}, numeric ids {NumericIds}, text numbers {TextNumberShare}, weights {Weights}";
}

public sealed class HomeXlsxTests : IDisposable
{
    private static readonly string[] Header = ["id", "easting", "northing", "authority"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-xlsx-" + Guid.NewGuid().ToString("N"));

    public HomeXlsxTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    public static class Layouts
    {
        public static Arbitrary<XlsxLayout> Layout() =>
            (from stock in Stocks.Gen()
             from seed in Gen.Choose(0, int.MaxValue)
             from numericIds in Gen.Elements(false, true)
             from share in Gen.Elements(0.0, 0.3, 1.0)
             from weights in Gen.Elements(false, true)
             select new XlsxLayout(stock, seed, numericIds, share, weights)).ToArbitrary();
    }

    /// <summary>
    /// The same stock written as CSV (PlaceKit's own writer) and as a workbook (number cells, or text cells holding the
    /// same numbers, numeric ids as number cells) reads to the identical home set: ids, coordinates bit for bit,
    /// authorities, weights and lines (= rows).
    /// </summary>
    [Property(MaxTest = 25, Arbitrary = [typeof(Layouts)])]
    public void Workbook_And_Csv_Of_One_Stock_Read_Alike(XlsxLayout layout)
    {
        var rng = new Random(layout.Seed);
        var homes = layout.Stock.Homes.Select((h, i) => h with
        {
            Id = layout.NumericIds ? (100_000 + i).ToString(CultureInfo.InvariantCulture) : h.Id,
            Weight = layout.Weights ? rng.Next(0, 40) / 4.0 : 1,
        }).ToArray();
        var csvText = new StringWriter();
        HomeCsv.Write(homes, csvText);
        string csv = Path.Combine(_dir, $"s{layout.Seed}.csv");
        File.WriteAllText(csv, csvText.ToString());
        var fromCsv = HomeCsv.Read(csv);

        // The workbook holds the numbers the CSV holds (rounded to 0.1 m by the writer), as number or text cells.
        var rows = File.ReadLines(csv).Skip(1).Select(line => line.Split(',')).Select(f => (object?[])[
            layout.NumericIds ? double.Parse(f[0], CultureInfo.InvariantCulture) : f[0],
            Cell(f[1], rng, layout.TextNumberShare), Cell(f[2], rng, layout.TextNumberShare), f[3],
            .. (f.Length > 4 ? [Cell(f[4], rng, layout.TextNumberShare)] : Array.Empty<object?>())]).ToList();
        string xlsx = Path.Combine(_dir, $"s{layout.Seed}.xlsx");
        string[] header = homes.Any(h => h.Weight != 1) ? [.. Header, "weight"] : Header;
        TestXlsx.Write(xlsx, header, rows);
        var fromXlsx = HomeCsv.Read(xlsx);

        Assert.Equal(fromCsv.Ids, fromXlsx.Ids);
        Assert.Equal(fromCsv.X.ToArray(), fromXlsx.X.ToArray());
        Assert.Equal(fromCsv.Y.ToArray(), fromXlsx.Y.ToArray());
        Assert.Equal(fromCsv.Authorities, fromXlsx.Authorities);
        Assert.Equal(fromCsv.AuthorityIndex.ToArray(), fromXlsx.AuthorityIndex.ToArray());
        Assert.Equal(fromCsv.HasWeights, fromXlsx.HasWeights);
        Assert.Equal(fromCsv.Weights.ToArray(), fromXlsx.Weights.ToArray());
        Assert.Equal(Enumerable.Range(0, fromCsv.Count).Select(fromCsv.LineOf), Enumerable.Range(0, fromXlsx.Count).Select(fromXlsx.LineOf));
    }

    private static object Cell(string text, Random rng, double textShare) =>
        rng.NextDouble() < textShare ? text : double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Workbook_And_Csv_Give_The_Same_Plan_At_Scale()
    {
        var homes = SampleStock.Generate(6_000, 4, 7);
        var csvText = new StringWriter();
        HomeCsv.Write(homes, csvText);
        string csv = Path.Combine(_dir, "big.csv");
        File.WriteAllText(csv, csvText.ToString());
        string xlsx = Path.Combine(_dir, "big.xlsx");
        TestXlsx.Write(xlsx, Header, File.ReadLines(csv).Skip(1).Select(l => l.Split(',')).Select(f => new object?[]
        {
            f[0], double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), f[3],
        }));
        var options = new PlaceKitOptions { Clustering = { TargetSize = 150 } };
        var a = PlaceDefiner.Create(options).Define(HomeCsv.Read(csv));
        var b = PlaceDefiner.Create(options).Define(HomeCsv.Read(xlsx));
        Assert.Equal(6_000, b.Homes.Count);
        Assert.Equal(a.Places.Count, b.Places.Count);
        Assert.Equal(Enumerable.Range(0, a.Homes.Count).Select(i => a.PlaceOf(i)?.Id), Enumerable.Range(0, b.Homes.Count).Select(i => b.PlaceOf(i)?.Id));
        Assert.Equal(a.Places.Select(p => p.Score.Tightness), b.Places.Select(p => p.Score.Tightness));
    }

    [Fact]
    public void BadCells_AreCollected_NamingSheetRowHomeFieldAndValue()
    {
        string xlsx = Path.Combine(_dir, "bad.xlsx");
        TestXlsx.Write(xlsx, Header,
        [
            ["H1", 398763.3, 292071.1, "E1"],
            ["H2", "abc", 292071.1, "E1"],
            ["H3", 398763.3, null, "E1"],
            [null, null, null, null],
            ["H1", 398763.3, 292071.1, "E1"],
            ["H5", 398763.3, 292071.1, null],
            ["H6", "398763,3", 292071.1, "E1"],
            ["H7", new DateTime(2024, 3, 1), 292071.1, "E1"],
        ], sheet: "Stock");
        var ex = Assert.Throws<HomeDataException>(() => HomeXlsx.Read(xlsx));
        var lines = ex.Problems.Select(p => p.ToString()).ToList();
        Assert.Equal(
        [
            "sheet 'Stock', row 3, home 'H2', field 'easting' = 'abc': easting is not a number",
            "sheet 'Stock', row 4, home 'H3', field 'northing' = '': northing is empty",
            "sheet 'Stock', row 6, home 'H1', field 'id' = 'H1': duplicate id: also on row 2",
            "sheet 'Stock', row 7, home 'H5', field 'authority' = '': authority is empty",
            "sheet 'Stock', row 8, home 'H6', field 'easting' = '398763,3': easting is not a number: it uses ',' as a decimal separator; use '.'",
            "sheet 'Stock', row 9, home 'H7', field 'easting' = '2024-03-01': easting is a date or time cell, not a number; format the column as Number",
        ], lines);
        Assert.All(ex.Problems, p => Assert.Equal("Stock", p.Sheet));
        Assert.Equal(6, ex.TotalProblems);
    }

    [Fact]
    public void DateInIdColumn_IsRefused_TheTextIsLost()
    {
        string xlsx = Path.Combine(_dir, "date.xlsx");
        TestXlsx.Write(xlsx, Header, [["H1", 398763.3, 292071.1, "E1"], [new DateTime(2026, 1, 2), 398763.3, 292071.1, "E1"]]);
        var p = Assert.Single(Assert.Throws<HomeDataException>(() => HomeXlsx.Read(xlsx)).Problems);
        Assert.Equal(3, p.Line);
        Assert.Equal("id", p.Field);
        Assert.Equal("2026-01-02", p.Value);
        Assert.Contains("Excel turned what was typed (such as 1-2 or 3/4) into a date", p.Message);
    }

    [Fact]
    public void NumericIdsAndAuthorities_ReadAsTheirDigits_TextNumbersAsInCsv()
    {
        string xlsx = Path.Combine(_dir, "num.xlsx");
        TestXlsx.Write(xlsx, ["id", "lon", "lat", "la", "weight"],
        [
            [1042.0, -3.5, 52.1, 101.0, "2.5"],
            ["0007", " -3.49 ", "52.11", "E06000001", 3.0],
            [12345678901.0, -3.48, 52.12, "E06000001", null],
        ]);
        var ex = Assert.Throws<HomeDataException>(() => HomeXlsx.Read(xlsx));
        // The empty weight is the only problem: everything else read.
        var p = Assert.Single(ex.Problems);
        Assert.Equal((4, "12345678901", "weight"), (p.Line, p.HomeId, p.Field));

        TestXlsx.Write(xlsx, ["id", "lon", "lat", "la", "weight"],
        [
            [1042.0, -3.5, 52.1, 101.0, "2.5"],
            ["0007", " -3.49 ", "52.11", "E06000001", 3.0],
            [12345678901.0, -3.48, 52.12, "E06000001", 0.0],
        ]);
        var set = HomeXlsx.Read(xlsx);
        Assert.Equal(["1042", "0007", "12345678901"], set.Ids);
        Assert.Equal(["101", "E06000001"], set.Authorities);
        Assert.Equal([2.5, 3.0, 0.0], set.Weights.ToArray());
        Assert.Equal(CoordinateKind.LonLat, set.InputKind);
    }

    [Fact]
    public void SheetOption_PicksTheSheet_UnknownListsTheSheets()
    {
        string xlsx = Path.Combine(_dir, "two.xlsx");
        TestXlsx.Write(xlsx,
            ("Notes", ["note"], [["exported 2026-11-27"]]),
            ("Stock", Header, [["H1", 398763.3, 292071.1, "E1"], ["H2", 398800.0, 292000.0, "E1"]]));
        Assert.Equal(["Notes", "Stock"], HomeXlsx.SheetNames(xlsx));
        var first = Assert.Throws<HomeDataException>(() => HomeXlsx.Read(xlsx));
        Assert.StartsWith("sheet 'Notes', row 1: missing column id", first.Problems[0].ToString());
        Assert.Equal(2, HomeXlsx.Read(xlsx, new HomeCsvOptions { Sheet = "Stock" }).Count);
        Assert.Equal(2, HomeCsv.Read(xlsx, new HomeCsvOptions { Sheet = "stock" }).Count);
        var unknown = Assert.Single(Assert.Throws<HomeDataException>(() => HomeXlsx.Read(xlsx, new HomeCsvOptions { Sheet = "Homes" })).Problems);
        Assert.Equal("input, field 'sheet' = 'Homes': the workbook has no sheet 'Homes'; its sheets are 'Notes', 'Stock'", unknown.ToString());
    }

    [Fact]
    public void HeaderBelowTitleRows_AndBlankRows_KeepExcelRowNumbers()
    {
        string xlsx = Path.Combine(_dir, "gaps.xlsx");
        TestXlsx.WriteRows(xlsx,
        [
            ["Stock list, November", null, null, null, null],
            [null, null, null, null, null],
            ["id", "easting", "northing", "authority", null],
            ["H1", 398763.3, 292071.1, "E1", "a note right of the table"],
            [null, null, null, null, null],
            ["H2", "x", 292071.1, "E1", null],
        ]);
        // Row 1 holds a title, not a header: the error names row 1 and the columns it found.
        var title = Assert.Throws<HomeDataException>(() => HomeXlsx.Read(xlsx));
        Assert.StartsWith("sheet 'Sheet1', row 1: missing column id; the header is 'Stock list, November'", title.Problems[0].ToString());
        TestXlsx.WriteRows(xlsx,
        [
            [null, null, null, null, null],
            ["id", "easting", "northing", "authority", null],
            ["H1", 398763.3, 292071.1, "E1", "a note right of the table"],
            [null, null, null, null, null],
            ["H2", "x", 292071.1, "E1", null],
        ]);
        Assert.Equal("sheet 'Sheet1', row 5, home 'H2', field 'easting' = 'x': easting is not a number",
            Assert.Single(Assert.Throws<HomeDataException>(() => HomeXlsx.Read(xlsx)).Problems).ToString());

        // Excel leaves empty rows out of the file (rows 1 and 4 have no <row> element): rows keep their numbers.
        string gaps = Path.Combine(_dir, "gaps-dropped.xlsx");
        using (var src = ZipFile.OpenRead(xlsx))
        using (var dst = ZipFile.Open(gaps, ZipArchiveMode.Create))
        {
            foreach (var e in src.Entries)
            {
                using var r = new StreamReader(e.Open());
                string text = r.ReadToEnd();
                if (e.FullName.EndsWith("sheet1.xml", StringComparison.Ordinal))
                {
                    string before = text;
                    text = System.Text.RegularExpressions.Regex.Replace(text, "<x:row r=\"[14]\">.*?</x:row>", "");
                    Assert.NotEqual(before, text);
                }

                using var w = new StreamWriter(dst.CreateEntry(e.FullName).Open());
                w.Write(text);
            }
        }

        Assert.Equal("sheet 'Sheet1', row 5, home 'H2', field 'easting' = 'x': easting is not a number",
            Assert.Single(Assert.Throws<HomeDataException>(() => HomeXlsx.Read(gaps)).Problems).ToString());

        string blank = Path.Combine(_dir, "blank.xlsx");
        TestXlsx.Write(blank, Header,
        [
            ["H1", 398763.3, 292071.1, "E1"],
            [null, null, null, null],
            [null, "  ", null, null],
            ["H2", "x", 292071.1, "E1"],
        ]);
        var p = Assert.Single(Assert.Throws<HomeDataException>(() => HomeXlsx.Read(blank)).Problems);
        Assert.Equal("sheet 'Stock', row 5, home 'H2', field 'easting' = 'x': easting is not a number", p.ToString());
    }

    [Fact]
    public void NotAWorkbook_IsOneClearProblem()
    {
        string renamed = Path.Combine(_dir, "csv.xlsx");
        File.WriteAllText(renamed, "id,easting,northing,authority\nH1,1,2,E1\n");
        Assert.Contains("is not an Excel workbook (.xlsx is a zip file, and this one is not", Single(() => HomeCsv.Read(renamed)));

        string ole = Path.Combine(_dir, "old.xls");
        File.WriteAllBytes(ole, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        Assert.Contains("Excel 97-2003 workbook (.xls) or a password-protected workbook", Single(() => HomeCsv.Read(ole)));

        string docx = Path.Combine(_dir, "other.xlsx");
        using (var zip = ZipFile.Open(docx, ZipArchiveMode.Create)) zip.CreateEntry("word/document.xml");
        Assert.Contains("is a zip but not an Excel workbook", Single(() => HomeCsv.Read(docx)));

        string good = Path.Combine(_dir, "good.xlsx");
        TestXlsx.Write(good, Header, Enumerable.Range(0, 2000).Select(i => new object?[] { $"H{i}", 398000.0 + i, 292000.0 + i, "E1" }));
        byte[] bytes = File.ReadAllBytes(good);
        string truncated = Path.Combine(_dir, "truncated.xlsx");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Contains("damaged", Single(() => HomeCsv.Read(truncated)));

        // A sheet part whose bytes are damaged in the middle (the zip directory intact).
        string corrupt = Path.Combine(_dir, "corrupt.xlsx");
        using (var src = ZipFile.OpenRead(good))
        using (var dst = ZipFile.Open(corrupt, ZipArchiveMode.Create))
        {
            foreach (var e in src.Entries)
            {
                using var r = new MemoryStream();
                using (var s = e.Open()) s.CopyTo(r);
                byte[] data = r.ToArray();
                if (e.FullName.Contains("sheet1", StringComparison.Ordinal)) data = [.. data[..(data.Length / 2)], .. "<<<&&"u8.ToArray()];
                using var w = dst.CreateEntry(e.FullName).Open();
                w.Write(data);
            }
        }

        Assert.Contains("damaged", Single(() => HomeCsv.Read(corrupt)));
    }

    /// <summary>A workbook in the layout Excel writes (shared strings, styles with a date format, rows left out), not MiniExcel's.</summary>
    [Fact]
    public void ExcelStyleWorkbook_SharedStringsStylesAndMissingRows()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "xlsx", "excel-style.xlsx");
        Assert.Equal(["Summary", "Stock list"], HomeXlsx.SheetNames(path));
        using (var stream = new MemoryStream(File.ReadAllBytes(path)))
        {
            Assert.Contains("sheet 'Stock list', row 5", Assert.Throws<HomeDataException>(() => HomeCsv.Read(stream, new HomeCsvOptions { Sheet = "Stock list" })).Message);
        }

        Assert.StartsWith("sheet 'Summary', row 1: missing column id; the header is 'Homes exported from the housing system'",
            Assert.Throws<HomeDataException>(() => HomeCsv.Read(path)).Problems[0].ToString());
        var p = Assert.Single(Assert.Throws<HomeDataException>(() => HomeCsv.Read(path, new HomeCsvOptions { Sheet = "stock LIST" })).Problems);
        // 45000 in a cell formatted as a date is 15 March 2023 to Excel: refused, naming the cell.
        Assert.Equal("sheet 'Stock list', row 5, home 'H2', field 'easting' = '2023-03-15': easting is a date or time cell, not a number; format the column as Number", p.ToString());
    }

    [Fact]
    public void LongRow_StopsReading_WithTheRow()
    {
        string xlsx = Path.Combine(_dir, "long.xlsx");
        TestXlsx.Write(xlsx, Header, [["H1", 398763.3, 292071.1, "E1"], ["H2", 398763.3, 292071.1, new string('E', 5000)], ["H3", 1.0, 2.0, "E1"]]);
        var p = Assert.Single(Assert.Throws<HomeDataException>(() => HomeXlsx.Read(xlsx, new HomeCsvOptions { MaxRecordLength = 1000 })).Problems);
        Assert.Equal(3, p.Line);
        Assert.Contains("longer than 1,000 characters", p.Message);
    }

    [Fact]
    public void SheetOption_OnCsv_IsRefused()
    {
        string csv = Path.Combine(_dir, "a.csv");
        File.WriteAllText(csv, "id,easting,northing,authority\nH1,398763.3,292071.1,E1\n");
        var ex = Assert.Throws<ArgumentException>(() => HomeCsv.Read(csv, new HomeCsvOptions { Sheet = "Stock" }));
        Assert.Contains("sheets apply to Excel workbooks", ex.Message);
    }

    private static string Single(Func<HomeSet> read)
    {
        var ex = Assert.Throws<HomeDataException>(read);
        return Assert.Single(ex.Problems).ToString();
    }
}
