using NetTopologySuite.Geometries;
using PlaceKit.Territories;

namespace PlaceKit.Tests.Territories;

public class CompactnessTests
{
    private static readonly GeometryFactory F = new();

    private static Polygon Rect(double w, double h) => F.CreatePolygon([new(0, 0), new(w, 0), new(w, h), new(0, h), new(0, 0)]);

    [Fact]
    public void Square_HasKnownScores()
    {
        // PP of a square = 4π·s² / (4s)² = π/4; Reock = s² / (π·(s/√2)²) = 2/π.
        Assert.Equal(Math.PI / 4, Compactness.PolsbyPopper(Rect(10, 10)), 12);
        Assert.Equal(2 / Math.PI, Compactness.Reock(Rect(10, 10)), 9);
    }

    [Fact]
    public void LongStrip_ScoresLow_DiscScoresNearOne()
    {
        var strip = Rect(1000, 10);
        Assert.True(Compactness.PolsbyPopper(strip) < 0.04);
        Assert.True(Compactness.Reock(strip) < 0.02);
        var disc = F.CreatePoint(new Coordinate(0, 0)).Buffer(100, 64);
        Assert.True(Compactness.PolsbyPopper(disc) > 0.999);
        Assert.True(Compactness.Reock(disc) > 0.998);
    }

    [Fact]
    public void Empty_IsZero()
    {
        Assert.Equal(0, Compactness.PolsbyPopper(F.CreatePolygon()));
        Assert.Equal(0, Compactness.Reock(F.CreatePolygon()));
    }
}
