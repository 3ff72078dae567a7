using PlaceKit.Clustering;

namespace PlaceKit.Tests.Clustering;

public class StableSeedTests
{
    [Fact]
    public void For_IsFixedAcrossProcesses()
    {
        // Pinned values: a change here changes every plan ever made, so it must be deliberate.
        Assert.Equal(366312500, StableSeed.For(42, "E08000028"));
        Assert.Equal(1572119809, StableSeed.For(0, ""));
        Assert.NotEqual(StableSeed.For(42, "E08000028"), StableSeed.For(43, "E08000028"));
        Assert.NotEqual(StableSeed.For(42, "E08000028"), StableSeed.For(42, "E08000029"));
        Assert.True(StableSeed.For(int.MinValue, "") >= 0);
    }
}
