using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Coverage;

public class CoverageCalculatorTests
{
    [Fact]
    public void Calculate_SampleStock_FiguresAreConsistent()
    {
        var plan = PlaceDefiner.Create().Define(PlaceKit.Homes.SampleStock.Sample());
        var c = plan.Coverage;
        Assert.Equal(45_000, c.TotalHomes);
        Assert.Equal(plan.Places.Sum(p => p.Homes), c.PlacedHomes);
        Assert.Equal(plan.Unplaced.Count, c.UnplacedHomes);
        Assert.Equal(plan.Places.Count, c.Places);
        Assert.Equal((double)c.PlacedHomes / c.Places, c.MeanPlaceSize, 9);
        Assert.Equal(plan.Places.Min(p => p.Homes), c.MinPlaceSize);
        Assert.Equal(plan.Places.Max(p => p.Homes), c.MaxPlaceSize);
        Assert.Contains($"{c.Places} places of about", c.Headline);
    }

    [Fact]
    public void Calculate_MedianOfEvenCount_IsMeanOfMiddleTwo()
    {
        var homes = PlaceKit.Homes.HomeSet.Create(
            Enumerable.Range(0, 10).Select(i => new PlaceKit.Homes.Home($"a{i}", 400000 + i, 300000, "E1"))
            .Concat(Enumerable.Range(0, 20).Select(i => new PlaceKit.Homes.Home($"b{i}", 450000 + i, 300000, "E1"))));
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 15 }, Trimming = { MinHomes = 1 } }).Define(homes);
        Assert.Equal(2, plan.Coverage.Places);
        Assert.Equal(15, plan.Coverage.MedianPlaceSize);
        Assert.Equal(1.0, plan.Coverage.CoverageRatio);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Stocks)])]
    public Property Calculate_FiguresAddUp_AndRatiosInUnitInterval(TestStock stock)
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Seed = stock.Seed, Clustering = { TargetSize = stock.TargetSize } }).Define(stock.ToHomeSet());
        var c = plan.Coverage;
        bool ok = c.TotalHomes == stock.Homes.Length
            && c.PlacedHomes + c.UnplacedHomes == c.TotalHomes
            && c.ByAuthority.Sum(a => a.TotalHomes) == c.TotalHomes
            && c.ByAuthority.Sum(a => a.PlacedHomes) == c.PlacedHomes
            && c.ByAuthority.Sum(a => a.Places) == c.Places
            && c.CoverageRatio is >= 0 and <= 1
            && c.ByAuthority.All(a => a.CoverageRatio is >= 0 and <= 1)
            && c.UnplacedByRule.Values.All(v => v <= c.UnplacedHomes)
            && (c.UnplacedHomes == 0 || c.UnplacedByRule.Values.Max() > 0);
        return ok.Label(stock.ToString()).Classify(c.Places > 0 && c.UnplacedHomes > 0, "mixed placed and unplaced");
    }
}
