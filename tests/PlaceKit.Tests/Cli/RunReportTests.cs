using System.Text.Json;
using PlaceKit.Cli;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Tests.Cli;

public sealed class RunReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-runjson-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Fact]
    public void Define_WritesRunJson_WithVersionOptionsCountsInertiaStagesAndPeakMemory()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = PlaceKitCli.Run(["define", "--out", _dir, "--seed", "7", "--target", "300", "--threads", "1"], o, e);
        Assert.True(code == 0, e.ToString());
        Assert.Contains("run.json", o.ToString());

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "run.json")));
        var r = doc.RootElement;
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Seed = 7, Clustering = { TargetSize = 300 } }).Define(SampleStock.Sample());
        Assert.Equal("0.1.0", r.GetProperty("placekit_version").GetString());
        Assert.Equal(7, r.GetProperty("seed").GetInt32());
        Assert.Equal(1, r.GetProperty("threads").GetInt32());
        Assert.Equal(300, r.GetProperty("options").GetProperty("clustering").GetProperty("target_size").GetInt32());
        Assert.Equal(45_000, r.GetProperty("homes").GetInt32());
        Assert.Equal(25, r.GetProperty("authorities").GetInt32());
        Assert.Equal(plan.Clusters.Count, r.GetProperty("clusters").GetInt32());
        Assert.Equal(plan.Places.Count, r.GetProperty("places").GetInt32());
        Assert.Equal(plan.TotalInertia, r.GetProperty("total_inertia").GetDouble(), 6);
        var stages = r.GetProperty("stages");
        double sum = 0;
        foreach (var name in new[] { "read", "cluster", "score", "trim", "coverage", "territories", "export" })
        {
            double s = stages.GetProperty(name).GetDouble();
            Assert.True(s >= 0, name);
            sum += s;
        }

        Assert.InRange(r.GetProperty("total_seconds").GetDouble(), sum * 0.999, double.MaxValue);
        Assert.True(r.GetProperty("peak_working_set_bytes").GetInt64() > 10_000_000);
    }
}
