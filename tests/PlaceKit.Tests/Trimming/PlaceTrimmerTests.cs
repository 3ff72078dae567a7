using NetTopologySuite.Geometries;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using PlaceKit.Trimming;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Trimming;

public class PlaceTrimmerTests
{
    private static ClusterScore C(int id, int homes, double r90, int rank) => new()
    {
        ClusterId = id, Authority = "E1", Homes = homes, CentreX = 0, CentreY = 0, Hull = Point.Empty, HullAreaKm2 = 0,
        DensityPerKm2 = 0, MeanDistanceMeters = 0, R90Meters = r90, Tightness = 0, Rank = rank,
    };

    [Fact]
    public void Trim_ListsEveryRuleBrokenWithFigures()
    {
        var result = new PlaceTrimmer().Trim([C(1, 12, 3400, 3), C(2, 500, 900, 1), C(3, 449, 100, 2), C(4, 900, 2501, 4)], new PlaceKitOptions());
        Assert.Equal([2], result.Kept.Select(c => c.ClusterId));
        Assert.Equal([3, 1, 4], result.Trimmed.Select(t => t.Cluster.ClusterId));
        Assert.Equal("too-few-homes: 449 < 450", result.Trimmed[0].ReasonText);
        Assert.Equal("too-few-homes: 12 < 450; too-spread: r90 3.4 km > 2.5 km", result.Trimmed[1].ReasonText);
        Assert.Equal("too-spread: r90 2.501 km > 2.5 km", result.Trimmed[2].ReasonText);
    }

    [Fact]
    public void Trim_MinHomesOverridesTarget_AndBoundaryIsKept()
    {
        var options = new PlaceKitOptions { Clustering = { TargetSize = 1000 }, Trimming = { MinHomes = 300, MaxSpreadMeters = 1000 } };
        var result = new PlaceTrimmer().Trim([C(1, 300, 1000, 1), C(2, 299, 10, 2)], options);
        Assert.Equal([1], result.Kept.Select(c => c.ClusterId));
        Assert.Equal("too-few-homes: 299 < 300", result.Trimmed.Single().ReasonText);
        Assert.Equal(300, options.Resolved().Trimming.MinHomes);
        Assert.Equal(1000, new PlaceKitOptions { Clustering = { TargetSize = 1000 } }.Resolved().Trimming.MinHomes);
    }

    [Fact]
    public void Trim_MinHomesUnset_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PlaceTrimmer().Trim([C(1, 300, 1000, 1)], new TrimmingOptions(), RunContext.Default));
        Assert.Contains("TrimmingOptions.MinHomes is not set", ex.Message);
    }

    [Fact]
    public void Define_MinHomesUnset_PlanRecordsTheResolvedTarget()
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 120 } }).Define(PlaceKit.Homes.HomeSet.Create(PlaceKit.Homes.SampleStock.Generate(1000, 2, 3)));
        Assert.Equal(120, plan.Options.Trimming.MinHomes);
        Assert.All(plan.Places, p => Assert.True(p.Homes >= 120));
    }
}
