using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PlaceKit.Homes;
using PlaceKit.IO;

namespace PlaceKit.Tests.Homes;

/// <summary>
/// Sep reads plain text and CsvHelper everything else (quotes, NUL, invalid UTF-8, lone CR, over-long lines): for any
/// text, reading a stream with the Sep path first must give exactly what the CsvHelper path alone gives (the reader
/// before the switch): the same homes, bit for bit, in the same order with the same lines and authorities, or the same
/// problems. Shaped generators: delimiters, CRLF/LF/CR, BOM, quoted fields with separators and doubled quotes, blank
/// and all-empty rows, ragged rows, bad numbers, duplicates, spreadsheet-escaped ids, weights, files past the 4,096
/// characters CsvHelper detects its delimiter on, and CsvHelper-written stocks.
/// </summary>
public sealed class SepReadEquivalenceTests
{
    private static readonly string[] Ends = ["\n", "\r\n"];

    private static Gen<string> Field(Gen<string> plain, bool quoting) =>
        from text in plain
        from how in Gen.Frequency((quoting ? 12 : 40, Gen.Constant(0)), (quoting ? 1 : 0, Gen.Constant(1)), (quoting ? 1 : 0, Gen.Constant(2)), (1, Gen.Constant(3)), (1, Gen.Constant(4)))
        select how switch
        {
            1 => "\"" + text + "\"", // quoted
            2 => "\"" + text + ";,\t\"\"x\"", // quoted with separators and a doubled quote
            3 => " " + text + " ", // padded
            4 => "'" + (text.Length > 0 ? "=" + text : text), // spreadsheet text mark
            _ => text,
        };

    private static Gen<string> Number(double lo, double hi) =>
        from v in Gen.Choose(0, 1_000_000)
        from bad in Gen.Frequency((30, Gen.Constant("")), (1, Gen.Elements("abc", "", "1,5", "NaN", "1e400", "B1 1AA", "-1")))
        select bad.Length > 0 || bad == "" && v % 97 == 0 && v % 2 == 0 ? bad : (lo + (hi - lo) * v / 1_000_000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static Gen<string> Stock() =>
        from rows in Gen.Frequency((3, Gen.Choose(0, 30)), (1, Gen.Choose(100, 400)))
        from sepIndex in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Constant(1)), (2, Gen.Constant(2)))
        from endIndex in Gen.Choose(0, 1)
        from mixedEnds in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from weighted in Gen.Elements(false, false, true)
        from extra in Gen.Elements(false, true)
        from lonlat in Gen.Elements(false, false, false, true)
        from quoting in Gen.Elements(false, false, true)
        from ids in Gen.ArrayOf(Field(Gen.Frequency((20, Gen.Choose(0, 500).Select(i => "H" + i.ToString(CultureInfo.InvariantCulture))), (1, Gen.Elements("", " ", "=1+1", "a;b", "x,y"))), quoting), rows)
        from xs in Gen.ArrayOf(Field(lonlat ? Number(-2.5, -1.5) : Number(300_000, 450_000), quoting), rows)
        from ys in Gen.ArrayOf(Field(lonlat ? Number(51, 53) : Number(100_000, 400_000), quoting), rows)
        from las in Gen.ArrayOf(Field(Gen.Frequency((30, Gen.Elements("E06000001", "E06000002", "E07000003", "W06000004")), (1, Gen.Elements("", "  "))), quoting), rows)
        from ws in Gen.ArrayOf(Number(0, 5), rows)
        from oddities in Gen.ArrayOf(Gen.Frequency((40, Gen.Constant(0)), (1, Gen.Choose(1, quoting ? 7 : 6))), rows)
        from bom in Gen.Elements(false, false, true)
        from trailing in Gen.Elements(true, true, false)
        select Build(rows, ",;\t"[sepIndex], Ends[endIndex], mixedEnds, weighted, extra, lonlat, quoting, ids, xs, ys, las, ws, oddities, bom, trailing);

    private static string Build(int rows, char sep, string end, bool mixedEnds, bool weighted, bool extra, bool lonlat, bool quoting,
        string[] ids, string[] xs, string[] ys, string[] las, string[] ws, int[] oddities, bool bom, bool trailing)
    {
        var sb = new StringBuilder(bom ? "\uFEFF" : "");
        var header = new List<string> { "id", lonlat ? "longitude" : "easting", lonlat ? "latitude" : "northing", "authority" };
        if (weighted) header.Add("weight");
        if (extra) header.Insert(2, "note");
        sb.Append(string.Join(sep, header)).Append(end);
        for (int i = 0; i < rows; i++)
        {
            var fields = new List<string> { ids[i], xs[i], ys[i], las[i] };
            if (weighted) fields.Add(ws[i]);
            if (extra) fields.Insert(2, i % 3 == 0 && quoting ? "\"a, b\"" : "n" + i.ToString(CultureInfo.InvariantCulture));
            string line = string.Join(sep, fields);
            line = oddities[i] switch
            {
                1 => "", // blank line
                2 => new string(sep, header.Count - 1), // all-empty row
                3 => string.Join(sep, fields.Take(2)), // too few fields
                4 => line + sep + "x", // too many fields
                5 => "  ", // white space only
                6 => ids[Math.Max(0, i - 1)] + line[(line.IndexOf(sep) is var s && s >= 0 ? s : line.Length)..], // the previous row's id again
                7 => "\"" + line, // an unclosed quote
                _ => line,
            };
            sb.Append(line).Append(mixedEnds && i % 5 == 2 ? (i % 2 == 0 ? "\r" : Ends[1 - Array.IndexOf(Ends, end)]) : end);
        }

        string text = sb.ToString();
        return trailing ? text : text.TrimEnd('\r', '\n');
    }

    private static string Outcome(byte[] bytes, bool sep)
    {
        try
        {
            var set = HomeCsv.Read(new MemoryStream(bytes), null, sep);
            var sb = new StringBuilder();
            sb.Append(set.Count).Append(' ').Append(set.InputKind).Append(' ').Append(set.Projection.Name).Append(' ').Append(set.HasWeights).Append('\n');
            sb.AppendJoin('|', set.Authorities).Append('\n');
            for (int i = 0; i < set.Count; i++)
            {
                sb.Append(set.Ids[i]).Append(' ').Append(BitConverter.DoubleToInt64Bits(set.X[i])).Append(' ').Append(BitConverter.DoubleToInt64Bits(set.Y[i]))
                    .Append(' ').Append(set.AuthorityIndex[i]).Append(' ').Append(set.LineOf(i)).Append(' ').Append(BitConverter.DoubleToInt64Bits(set.Weights[i]))
                    .Append(' ').Append(set.TryGetIndex(set.Ids[i], out int at) ? at : -1).Append('\n');
            }

            return sb.ToString();
        }
        catch (HomeDataException ex)
        {
            return $"problems {ex.TotalProblems}\n{string.Join("\n", ex.Problems)}";
        }
    }

    /// <summary>Whether the Sep path read the text to the end (a set or the problems), rather than handing it to CsvHelper.</summary>
    private static bool SepReadIt(byte[] bytes)
    {
        try
        {
            return HomeCsv.SepRead(new MemoryStream(bytes), new HomeCsvOptions()) is not null;
        }
        catch (HomeDataException)
        {
            return true;
        }
    }

    private static Property SamePath(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        string before = Outcome(bytes, sep: false), after = Outcome(bytes, sep: true);
        bool sep = SepReadIt(bytes);
        if (sep) Interlocked.Increment(ref _sepCases);
        Interlocked.Increment(ref _cases);
        return (before == after).Label($"CsvHelper path:\n{before}\nSep path:\n{after}")
            .Classify(sep, "read by Sep")
            .Classify(before.StartsWith("problems", StringComparison.Ordinal), "rejected")
            .Classify(text.Contains('"', StringComparison.Ordinal), "quoted (CsvHelper path)")
            .Classify(text.Length > 4096, "longer than the detection text");
    }

    private static int _cases, _sepCases;

    [Fact]
    public void SepPath_ReadsEveryShapedStockExactlyAsCsvHelper()
    {
        _cases = _sepCases = 0;
        Prop.ForAll(Stock().ToArbitrary(), SamePath).Check(Config.QuickThrowOnFailure.WithMaxTest(400).WithQuietOnSuccess(true));
        // The property compares something only if Sep really reads much of what is generated.
        Assert.True(_sepCases * 4 > _cases, $"Sep read only {_sepCases} of {_cases} generated stocks");
    }

    [Theory]
    [InlineData("id,easting,northing,authority\nH1,398763.3,292071.1,E1\n", true)]
    [InlineData("\uFEFFid;easting;northing;authority\r\nH1;398763.3;292071.1;E1\r\n", true)]
    [InlineData("id,easting,northing,authority\n\"H1\",398763.3,292071.1,E1\n", false)]
    [InlineData("id,easting,northing,authority\nH1,398763.3,292071.1,E1\rH2,1,2,E1", false)]
    [InlineData("id,easting,northing,authority\nH1,398763.3,292071.1,E\u00001\n", false)]
    [InlineData("id,easting,northing,authority\nH1,398763.3,292071.1,E\uFFFD1\n", false)]
    public void SepRead_TakesPlainTextAndHandsBackTheRest(string text, bool plain) => Assert.Equal(plain, SepReadIt(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void SepPath_ReadsCsvHelperWrittenStocksExactlyAsBefore()
    {
        var gen =
            from n in Gen.Choose(1, 2_000)
            from authorities in Gen.Choose(1, Math.Min(12, n)) // SampleStock needs a home an authority
            from seed in Gen.Choose(0, int.MaxValue)
            from weighted in Gen.Elements(false, true)
            select (n, authorities, seed, weighted);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var stock = SampleStock.Generate(t.n, t.authorities, t.seed);
            var rng = new Random(t.seed);
            var homes = stock.Select((h, i) => h with { Id = i % 37 == 0 ? "=" + h.Id : i % 41 == 0 ? "H, \"" + i.ToString(CultureInfo.InvariantCulture) + "\"" : h.Id, Weight = t.weighted ? Math.Round(rng.NextDouble() * 4, 2) : 1 });
            var w = new StringWriter();
            HomeCsv.Write(homes, w);
            return SamePath(w.ToString());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40).WithQuietOnSuccess(true));
    }

    [Fact]
    public void Read_LineOfEveryHome_IsTheLineItIsOn_WithOrWithoutBlankLines()
    {
        // Lines are kept only when homes are not on consecutive lines (blank or bad rows between): either way LineOf is the line.
        var gen =
            from n in Gen.Choose(1, 300)
            from blanks in Gen.ArrayOf(Gen.Frequency((20, Gen.Constant(0)), (1, Gen.Choose(1, 3))), n)
            from crlf in Gen.Elements(false, true)
            select (n, blanks, crlf);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var lines = new List<string> { "id,easting,northing,authority" };
            var expected = new List<int>();
            for (int i = 0; i < t.n; i++)
            {
                for (int b = 0; b < t.blanks[i]; b++) lines.Add(b % 2 == 0 ? "" : ",,,");
                lines.Add($"H{i},{398763 + i}.5,292071.1,E{i % 3}");
                expected.Add(lines.Count);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(string.Join(t.crlf ? "\r\n" : "\n", lines) + "\n");
            var viaSep = HomeCsv.Read(new MemoryStream(bytes));
            var viaCsvHelper = HomeCsv.Read(new MemoryStream(bytes), null, sepForPlainText: false);
            var subset = viaSep.Subset([.. Enumerable.Range(0, t.n).Where(i => i % 2 == 1)]);
            return Enumerable.Range(0, t.n).All(i => viaSep.LineOf(i) == expected[i] && viaCsvHelper.LineOf(i) == expected[i])
                && Enumerable.Range(0, subset.Count).All(j => subset.LineOf(j) == expected[2 * j + 1]);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100).WithQuietOnSuccess(true));
    }

    [Theory]
    [InlineData("id,easting,northing,authority\rH1,398763.3,292071.1,E1\r")] // lone CR line ends: CsvHelper path
    [InlineData("id;easting;northing;authority\nH1;398763.3;292071.1;E1\nH2;398764.3;292072.1;E1\n")]
    [InlineData("\n\nid\teasting\tnorthing\tauthority\r\n\r\nH1\t398763.3\t292071.1\tE1\r\n")]
    [InlineData("id,easting,northing,authority\n")]
    [InlineData("\n\n")]
    [InlineData("")]
    [InlineData("id,easting,northing,authority\n,,,\n  \nH1,abc,1,E1\nH1,2,3,\n")]
    public void SepPath_PinnedTexts_MatchCsvHelper(string text) => Assert.Equal(Outcome(Encoding.UTF8.GetBytes(text), false), Outcome(Encoding.UTF8.GetBytes(text), true));

    [Fact]
    public void SepPath_LongLinesAndLongHeaders_MatchCsvHelper()
    {
        // A header ending past the detection text, and a line near the record limit: both fall back and agree.
        string longHeader = "id,easting,northing,authority," + string.Join(",", Enumerable.Range(0, 900).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture))) + "\n";
        string row = "H1,398763.3,292071.1,E1," + string.Join(",", Enumerable.Range(0, 900).Select(_ => "")) + "\n";
        Assert.Equal(Outcome(Encoding.UTF8.GetBytes(longHeader + row), false), Outcome(Encoding.UTF8.GetBytes(longHeader + row), true));
        string huge = "id,easting,northing,authority\nH1,398763.3,292071.1,E1\nH2," + new string('9', 400_000) + ",1,E1\n";
        Assert.Equal(Outcome(Encoding.UTF8.GetBytes(huge), false), Outcome(Encoding.UTF8.GetBytes(huge), true));
    }

    [Fact]
    public void SepPath_SpreadsheetMarkAndAuthorityCodes_AreReadLikeSpreadsheetTextUnescape()
    {
        var set = HomeCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes("id,easting,northing,authority\n'=H1,398763.3,292071.1,'-E1\n' ''H2 ,398764.3,292072.1, E2 \n")));
        Assert.Equal(["=H1", "' ''H2"], set.Ids);
        Assert.Equal(SpreadsheetText.Unescape("'=H1"), set.Ids[0]);
        Assert.Equal(["-E1", "E2"], set.Authorities);
    }
}
