using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Clustering;

public class RadiusSplitterTests
{
    public static class Limited
    {
        public static Arbitrary<(TestStock Stock, double Limit, ClusteringAlgorithm Algorithm)> Case() =>
            (from stock in Stocks.Gen()
             from limit in Gen.Elements(30.0, 200.0, 1000.0)
             from algorithm in Gen.Elements(ClusteringAlgorithm.KMeans, ClusteringAlgorithm.SizeConstrained)
             select (stock, limit, algorithm)).ToArbitrary();
    }

    [Property(MaxTest = 150, Arbitrary = [typeof(Limited)])]
    public Property Cluster_WithMaxRadius_EveryClusterWithinTheLimitOrOnOneLocation_NoHomeLost((TestStock Stock, double Limit, ClusteringAlgorithm Algorithm) c)
    {
        var homes = c.Stock.ToHomeSet();
        var o = new PlaceKitOptions
        {
            Seed = c.Stock.Seed,
            Clustering = { TargetSize = c.Stock.TargetSize, Algorithm = c.Algorithm, MaxRadiusMeters = c.Limit },
        };
        var r = new PlaceClusterer().Cluster(homes, o);
        var scores = new DensityScorer().Score(homes, r, o);
        bool ok = r.ClusterOfHome.Length == homes.Count;
        int sum = 0, split = 0;
        for (int id = 1; id <= r.ClusterCount; id++)
        {
            var m = r.MembersOf(id).ToArray();
            sum += m.Length;
            ok &= m.Length > 0 && m.All(i => homes.AuthorityIndex[i] == r.AuthorityOfCluster[id - 1]);
            bool oneLocation = m.All(i => homes.X[i] == homes.X[m[0]] && homes.Y[i] == homes.Y[m[0]]);
            ok &= scores[id - 1].R90Meters <= c.Limit + 1e-6 || oneLocation;
        }

        foreach (var a in r.Authorities) split += a.Note.Contains("split", StringComparison.Ordinal) ? 1 : 0;
        return (ok && sum == homes.Count).Label(c.Stock.ToString()).Classify(split > 0, "split something");
    }

    [Fact]
    public void Cluster_TwoTownsOneCluster_SplitWhenOverTheLimitAndSaysSo()
    {
        // 200 homes in two 100 m squares 4 km apart; target 200 gives one cluster with r90 about 2 km.
        var homes = new List<Home>();
        for (int i = 0; i < 100; i++) homes.Add(new Home($"a{i}", 400000 + (i % 10 * 10), 300000 + (i / 10 * 10), "E1"));
        for (int i = 0; i < 100; i++) homes.Add(new Home($"b{i}", 404000 + (i % 10 * 10), 300000 + (i / 10 * 10), "E1"));
        var set = HomeSet.Create(homes);
        var plain = new KMeansClusterer().Cluster(set, new PlaceKitOptions { Clustering = { TargetSize = 200 } });
        Assert.Equal(1, plain.ClusterCount);
        var split = new KMeansClusterer().Cluster(set, new PlaceKitOptions { Clustering = { TargetSize = 200, MaxRadiusMeters = 500 } });
        Assert.Equal(2, split.ClusterCount);
        Assert.NotEqual(split.ClusterOfHome[0], split.ClusterOfHome[100]);
        Assert.Equal("max radius 500 m: 1 split(s), 1 -> 2 clusters", split.Authorities[0].Note);
        Assert.Equal(2, split.Authorities[0].Clusters);
    }

    [Fact]
    public void Cluster_WithMaxRadius_SameResultAtOneAndManyThreads()
    {
        var homes = HomeSet.Create(SampleStock.Generate(8000, 4, 11));
        ClusterAssignment Run(int threads) => new KMeansClusterer().Cluster(homes, new PlaceKitOptions
        {
            MaxDegreeOfParallelism = threads,
            Clustering = { TargetSize = 300, MaxRadiusMeters = 800 },
        });
        Assert.True(Run(1).ClusterOfHome.SequenceEqual(Run(4).ClusterOfHome));
    }
}
