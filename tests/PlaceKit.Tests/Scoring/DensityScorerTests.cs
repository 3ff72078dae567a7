using NetTopologySuite.Geometries;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Scoring;

public class DensityScorerTests
{
    private static IReadOnlyList<ClusterScore> Score(HomeSet homes, int[] labels, int[] authorityOfCluster)
    {
        int k = authorityOfCluster.Length;
        var a = new ClusterAssignment(labels, authorityOfCluster, new double[k], new double[k], []);
        return new DensityScorer().Score(homes, a, new PlaceKitOptions());
    }

    [Fact]
    public void Score_TenHomesOnACircle_GivesExactMeasures()
    {
        // 9 homes on a 100 m circle around (400000, 300000), 1 in the middle.
        var homes = new List<Home> { new("c", 400000, 300000, "E1") };
        for (int i = 0; i < 9; i++) homes.Add(new Home($"h{i}", 400000 + (100 * Math.Cos(i * Math.Tau / 9)), 300000 + (100 * Math.Sin(i * Math.Tau / 9)), "E1"));
        var set = HomeSet.Create(homes);
        var s = Assert.Single(Score(set, Enumerable.Repeat(1, 10).ToArray(), [0]));
        Assert.Equal(10, s.Homes);
        Assert.Equal(400000, s.CentreX, 6);
        Assert.Equal(90, s.MeanDistanceMeters, 6); // 9 x 100 m + 0, over 10
        Assert.Equal(100, s.R90Meters, 6); // 9th of 10 sorted distances
        double hullArea = 0.5 * 9 * 100 * 100 * Math.Sin(Math.Tau / 9) / 1e6;
        Assert.Equal(hullArea, s.HullAreaKm2, 9);
        Assert.Equal(10 / hullArea, s.DensityPerKm2, 6);
        Assert.Equal(10 / (Math.PI * 0.1 * 0.1), s.Tightness, 6);
        Assert.Equal(1, s.Rank);
        Assert.IsType<Polygon>(s.Hull);
    }

    [Fact]
    public void Score_BlockOfFlatsOnOnePoint_UsesTheMinimumRadius()
    {
        var set = HomeSet.Create(Enumerable.Range(0, 40).Select(i => new Home($"f{i}", 400000, 300000, "E1")));
        var s = Assert.Single(Score(set, Enumerable.Repeat(1, 40).ToArray(), [0]));
        Assert.Equal(0, s.R90Meters);
        Assert.Equal(0, s.HullAreaKm2);
        Assert.Equal(40 / (Math.PI * 25 * 25 / 1e6), s.Tightness, 6);
        Assert.Equal(s.Tightness, s.DensityPerKm2, 6);
        Assert.IsType<Point>(s.Hull);
    }

    [Fact]
    public void Score_RanksByTightness_TiesByClusterId()
    {
        // Cluster 1 and 3 identical (tie), cluster 2 tighter.
        Home[] homes =
        [
            new("a1", 400000, 300000, "E1"), new("a2", 400100, 300000, "E1"),
            new("b1", 410000, 300000, "E1"), new("b2", 410010, 300000, "E1"),
            new("c1", 420000, 300000, "E1"), new("c2", 420100, 300000, "E1"),
        ];
        var scores = Score(HomeSet.Create(homes), [1, 1, 2, 2, 3, 3], [0, 0, 0]);
        Assert.Equal([2, 1, 3], scores.Select(s => s.Rank));
        Assert.Equal([1, 2, 3], scores.Select(s => s.ClusterId));
        Assert.IsType<LineString>(scores[0].Hull);
    }
}
