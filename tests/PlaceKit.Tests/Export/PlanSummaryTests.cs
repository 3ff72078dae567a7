using System.Text;
using System.Text.Json;
using PlaceKit.Clustering;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Tests.Export;

/// <summary>The run record and summary a notebook or host gets from the library: the same as <c>placekit define</c>'s.</summary>
public class PlanSummaryTests
{
    private static PlacePlan Plan() =>
        PlaceDefiner.Create(new PlaceKitOptions { Seed = 5, Clustering = { TargetSize = 100, Algorithm = ClusteringAlgorithm.SizeConstrained } })
            .Define(HomeSet.Create(SampleStock.Generate(3000, 3, 5)));

    [Fact]
    public void Text_HasCountsHeadlineTopPlacesAndTimes()
    {
        var plan = Plan();
        var run = RunRecord.Create(plan, "test stock", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(3));
        string text = PlanSummary.Text(plan, "test stock", run, ["/tmp/x/homes.csv", "/tmp/x/plan.json"]);
        Assert.Contains("· test stock", text);
        Assert.Contains("Homes      3,000 in 3 authorities", text);
        Assert.Contains("size-constrained, seed 5", text);
        Assert.Contains("In short   " + plan.Coverage.Headline, text);
        Assert.Contains($"  {plan.Places[0].Id,-5}", text);
        Assert.Contains("Wrote      homes.csv, plan.json to /tmp/x", text);
        Assert.Contains("Time       3.00 s (read 1.50,", text);
        Assert.Contains("export 0.25)", text);
        Assert.DoesNotContain("Time", PlanSummary.Text(plan));
    }

    [Fact]
    public void RunRecord_Write_SnakeCaseWithAlgorithmByNameAndStages()
    {
        var plan = Plan();
        var run = RunRecord.Create(plan, "test stock", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        using var ms = new MemoryStream();
        run.Write(ms);
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(ms.ToArray()));
        var r = doc.RootElement;
        Assert.Equal("size-constrained", r.GetProperty("options").GetProperty("clustering").GetProperty("algorithm").GetString());
        Assert.Equal(100, r.GetProperty("options").GetProperty("trimming").GetProperty("min_homes").GetInt32());
        Assert.Equal(plan.Clusters.Count, r.GetProperty("clusters").GetInt32());
        Assert.Equal(2.0, r.GetProperty("stages").GetProperty("export").GetDouble());
        Assert.Equal(4.0, r.GetProperty("total_seconds").GetDouble());
        Assert.True(r.GetProperty("peak_working_set_bytes").GetInt64() > 0);
    }
}
