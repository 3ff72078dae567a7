using PlaceKit.Homes;

namespace PlaceKit.Tests.Homes;

public class SampleStockTests
{
    [Fact]
    public void Generate_SameSeed_SameHomes_OtherSeed_OtherHomes()
    {
        var a = SampleStock.Generate(2000, 5, 7);
        Assert.Equal(a, SampleStock.Generate(2000, 5, 7));
        Assert.NotEqual(a, SampleStock.Generate(2000, 5, 8));
    }

    [Fact]
    public void Sample_HasTheAdvertisedSizeAndMixOfSettlements()
    {
        var set = SampleStock.Sample();
        Assert.Equal(SampleStock.SampleHomes, set.Count);
        Assert.Equal(SampleStock.SampleAuthorities, set.Authorities.Count);

        // Dense estates: many homes share a coordinate (blocks of flats), as in real exports.
        var distinct = new HashSet<(double, double)>();
        for (int i = 0; i < set.Count; i++) distinct.Add((set.X[i], set.Y[i]));
        Assert.InRange(distinct.Count, set.Count / 2, set.Count - 1000);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 10)]
    [InlineData(50_000, 3000)]
    public void Generate_AnySize_StaysInsideTheGridAndKeepsEveryAuthority(int homes, int authorities)
    {
        var set = HomeSet.Create(SampleStock.Generate(homes, authorities, 3));
        Assert.Equal(homes, set.Count);
        Assert.Equal(authorities, set.Authorities.Count);
    }
}
