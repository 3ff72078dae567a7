using PlaceKit.Cli;
using PlaceKit.Homes;

namespace PlaceKit.Tests.Cli;

public sealed class SampleCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-sample-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Fact]
    public void Sample_WritesACsvTheReaderReadsBack()
    {
        string file = Path.Combine(_dir, "homes.csv");
        var o = new StringWriter();
        Assert.Equal(0, PlaceKitCli.Run(["sample", "--out", file, "--homes", "1200", "--authorities", "4", "--seed", "3"], o, new StringWriter()));
        var set = HomeCsv.Read(file);
        Assert.Equal(1200, set.Count);
        Assert.Equal(4, set.Authorities.Count);
        Assert.Equal(SampleStock.Generate(1200, 4, 3).Select(h => h.Id), set.Ids);
        Assert.Contains("Wrote 1,200 homes in 4 authorities", o.ToString());
    }

    [Fact]
    public void Sample_BadCounts_Exit2()
    {
        var e = new StringWriter();
        Assert.Equal(2, PlaceKitCli.Run(["sample", "--out", Path.Combine(_dir, "x.csv"), "--homes", "10", "--authorities", "11"], new StringWriter(), e));
        Assert.Equal("error: --authorities must be in [1-10] (at most --homes), was 11\n", e.ToString().Replace("\r", ""));
    }
}
