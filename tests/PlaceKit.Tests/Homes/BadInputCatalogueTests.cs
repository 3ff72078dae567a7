using System.Text;
using PlaceKit.Cli;
using PlaceKit.Homes;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Homes;

/// <summary>
/// The catalogue of bad inputs in Data/bad: each NAME.csv runs through the CLI and must exit 2 with exactly the lines
/// of NAME.expected.txt on standard error; the library must throw a <see cref="HomeDataException"/> carrying the same.
/// </summary>
public sealed class BadInputCatalogueTests : IDisposable
{
    private static readonly string BadDir = Path.Combine(AppContext.BaseDirectory, "Data", "bad");
    private readonly string _out = Path.Combine(Path.GetTempPath(), "placekit-bad-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, true);
    }

    private static string[] Names() => [.. Directory.GetFiles(BadDir, "*.csv").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Cases() => new(Names());

    [Fact]
    public void Catalogue_HasEveryCaseAndAnExpectationForEach()
    {
        var names = Names();
        Assert.True(names.Length >= 28, $"only {names.Length} cases");
        foreach (var n in names) Assert.True(File.Exists(Path.Combine(BadDir, n + ".expected.txt")), n);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cli_BadInput_Exits2WithExactlyTheExpectedLines(string name)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = PlaceKitCli.Run(["define", Path.Combine(BadDir, name + ".csv"), "--out", _out], o, e);
        var expected = File.ReadAllLines(Path.Combine(BadDir, name + ".expected.txt"), Encoding.UTF8);
        Assert.Equal(2, code);
        Assert.Equal("", o.ToString());
        Assert.Equal(expected, e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.False(Directory.Exists(_out), "bad input must write no outputs");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Library_BadInput_ThrowsHomeDataExceptionCarryingTheSameProblems(string name)
    {
        var ex = Assert.Throws<HomeDataException>(() => HomeCsv.Read(Path.Combine(BadDir, name + ".csv")));
        var expected = File.ReadAllLines(Path.Combine(BadDir, name + ".expected.txt"), Encoding.UTF8);
        Assert.Equal(expected[0], "error: " + (ex.TotalProblems == 1 ? "1 problem" : $"{ex.TotalProblems} problems") + " in the input homes");
        Assert.Equal(expected.Skip(1).Take(ex.Problems.Count), ex.Problems.Select(p => "  " + p));
        Assert.All(ex.Problems, p => Assert.True(p.Line > 0, $"{p} names no line"));
        Assert.Equal(ex.TotalProblems > ex.Problems.Count, expected[^1].StartsWith("  ... and ", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_TenMegabyteSingleLine_FailsFastNamingTheLineWithBoundedMemory()
    {
        // A 10 MB row with no line break: stops after MaxRecordLength characters instead of buffering it whole.
        var text = new StringBuilder("id,easting,northing,authority\nH1,398763.3,292071.1,E1\n", 10_100_000);
        text.Append('H', 10_000_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<HomeDataException>(() => HomeCsv.Read(new StringReader(text.ToString())));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var p = Assert.Single(ex.Problems);
        Assert.Equal(3, p.Line);
        Assert.Contains("a record is longer than 1,048,576 characters", p.Message);
        Assert.True(allocated < 40_000_000, $"allocated {allocated:N0} bytes reading a 10 MB line");
    }

    [Fact]
    public void Read_TenMegabyteHeader_FailsOnLine1()
    {
        var text = new string('x', 10_000_000) + "\nH1,1,2,E1\n";
        var p = Assert.Single(Assert.Throws<HomeDataException>(() => HomeCsv.Read(new StringReader(text))).Problems);
        Assert.Equal(1, p.Line);
        Assert.Contains("longer than", p.Message);
    }

    [Fact]
    public void Read_UnterminatedQuoteInAHugeFile_StopsAtTheLimitNotAtTheEnd()
    {
        var text = new StringBuilder("id,easting,northing,authority\nH1,398763.3,292071.1,E1\n\"H2,398764.3,292072.1,E1\n");
        for (int i = 3; i < 100_000; i++) text.Append('H').Append(i).Append(",398764.3,292072.1,E1\n");
        var p = Assert.Single(Assert.Throws<HomeDataException>(() => HomeCsv.Read(new StringReader(text.ToString()), new HomeCsvOptions { MaxRecordLength = 100_000 })).Problems);
        Assert.Equal(3, p.Line);
        Assert.Contains("a record is longer than 100,000 characters (a quote that is never closed", p.Message);
    }

    [Fact]
    public void Read_Utf16WithBom_IsReadCorrectly()
    {
        string csv = "id,easting,northing,authority\r\nCafé 1,398763.3,292071.1,E08000028\r\nH2,398764.3,292072.1,E08000028\r\n";
        foreach (var enc in new Encoding[] { Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            var set = TestCsv.ReadBytes([.. enc.GetPreamble(), .. enc.GetBytes(csv)]);
            Assert.Equal(["Café 1", "H2"], set.Ids);
            Assert.Equal(292072.1, set.Y[1]);
        }
    }

    [Fact]
    public void Read_BlankLinesAndEmptyRows_AreSkippedNotHomes()
    {
        var set = TestCsv.Read("id,easting,northing,authority", "", "H1,398763.3,292071.1,E1", ",,,", "   ,  ,,", "", "H2,398764.3,292072.1,E1", "");
        Assert.Equal(["H1", "H2"], set.Ids);
        Assert.Equal(3, set.LineOf(0));
        Assert.Equal(7, set.LineOf(1));
    }

    [Fact]
    public void Read_DuplicateOfARowWithOtherProblems_IsStillReported()
    {
        var ex = Assert.Throws<HomeDataException>(() => TestCsv.Read("id,easting,northing,authority", "H1,abc,292071.1,E1", "H1,398764.3,292072.1,E1"));
        Assert.Equal(2, ex.TotalProblems);
        Assert.Equal("line 3, home 'H1', field 'id' = 'H1': duplicate id: also on line 2", ex.Problems[1].ToString());
    }

    [Fact]
    public void Read_InvalidOptions_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HomeCsv.Read(new StringReader("id"), new HomeCsvOptions { MaxProblems = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => HomeCsv.Read(new StringReader("id"), new HomeCsvOptions { MaxRecordLength = 0 }));
    }

    [Fact]
    public void Cli_TenMegabyteLine_Exits2WithOneLineQuickly()
    {
        string file = Path.Combine(Path.GetTempPath(), "placekit-10mb-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            using (var w = new StreamWriter(file))
            {
                w.Write("id,easting,northing,authority\n");
                w.Write(new string('9', 10 * 1024 * 1024));
            }

            var e = new StringWriter();
            int code = PlaceKitCli.Run(["define", file, "--out", _out], new StringWriter(), e);
            Assert.Equal(2, code);
            Assert.Equal(
                ["error: 1 problem in the input homes", "  line 2: a record is longer than 1,048,576 characters (a quote that is never closed, or not a CSV of homes); reading stopped"],
                e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
