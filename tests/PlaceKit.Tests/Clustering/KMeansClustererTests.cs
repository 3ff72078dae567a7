using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Clustering;

public class KMeansClustererTests
{
    private static ClusterAssignment Run(HomeSet homes, int target, int seed = 1, int threads = -1) =>
        new KMeansClusterer().Cluster(homes, new PlaceKitOptions { Seed = seed, MaxDegreeOfParallelism = threads, Clustering = { TargetSize = target } });

    [Theory]
    [InlineData(1, 450, 1000, 1)]
    [InlineData(224, 450, 1000, 1)]
    [InlineData(225, 450, 1000, 1)] // 0.5 rounds half away from zero to 1 (and max(1, ...) anyway)
    [InlineData(675, 450, 1000, 2)] // 1.5 -> 2
    [InlineData(1124, 450, 1000, 2)] // 2.497 -> 2
    [InlineData(1125, 450, 1000, 3)] // 2.5 -> 3
    [InlineData(45_000, 450, 1_000_000, 100)]
    [InlineData(45_000, 450, 40, 40)] // capped at distinct locations
    public void ClusterCount_FollowsTheRule(int n, int target, int distinct, int expected) =>
        Assert.Equal(expected, KMeansClusterer.ClusterCount(n, target, distinct));

    [Fact]
    public void Cluster_TwoObviousGroups_FindsThem()
    {
        var homes = new List<Home>();
        for (int i = 0; i < 50; i++) homes.Add(new Home($"a{i}", 400000 + (i % 7), 300000 + (i / 7), "E1"));
        for (int i = 0; i < 50; i++) homes.Add(new Home($"b{i}", 410000 + (i % 7), 300000 + (i / 7), "E1"));
        var r = Run(HomeSet.Create(homes), 50);
        Assert.Equal(2, r.ClusterCount);
        var labels = r.ClusterOfHome.ToArray();
        Assert.All(labels[..50], l => Assert.Equal(labels[0], l));
        Assert.All(labels[50..], l => Assert.Equal(labels[50], l));
        Assert.NotEqual(labels[0], labels[50]);
    }

    [Fact]
    public void Cluster_AllHomesAtOnePoint_MakesOneCluster()
    {
        var homes = Enumerable.Range(0, 1000).Select(i => new Home($"h{i}", 400000, 300000, "E1")).ToArray();
        var r = Run(HomeSet.Create(homes), 10);
        Assert.Equal(1, r.ClusterCount);
        Assert.Equal(0, r.TotalInertia);
        Assert.Contains("capped at 1 distinct locations (rule gave 100)", r.Authorities[0].Note);
    }

    [Fact]
    public void Cluster_TwoHomes_TargetOne_GivesTwoSingletons()
    {
        var r = Run(HomeSet.Create([new("a", 400000, 300000, "E1"), new("b", 400100, 300000, "E1")]), 1);
        Assert.Equal(2, r.ClusterCount);
        Assert.NotEqual(r.ClusterOfHome[0], r.ClusterOfHome[1]);
    }

    [Fact]
    public void Cluster_CollinearHomes_SplitsAlongTheLine()
    {
        var homes = Enumerable.Range(0, 300).Select(i => new Home($"h{i}", 400000 + (i * 10), 300000, "E1")).ToArray();
        var r = Run(HomeSet.Create(homes), 100);
        Assert.Equal(3, r.ClusterCount);

        // Each cluster is one contiguous run along the line, of 100 homes give or take the tie at a boundary.
        for (int c = 1; c <= 3; c++)
        {
            var members = r.MembersOf(c).ToArray();
            Assert.InRange(members.Length, 99, 101);
            Assert.Equal(members.Length - 1, members[^1] - members[0]);
        }
    }

    [Fact]
    public void Cluster_ReportsInertiaAndIterationsPerAuthorityInCodeOrder()
    {
        var r = Run(SampleStock.Sample(), 450);
        Assert.Equal(25, r.Authorities.Count);
        Assert.Equal(r.Authorities.Select(a => a.Authority).Order(StringComparer.Ordinal), r.Authorities.Select(a => a.Authority));
        Assert.All(r.Authorities, a => Assert.True(a.Inertia > 0 && a.Iterations >= 1));
        Assert.Equal(r.Authorities.Sum(a => a.Inertia), r.TotalInertia, 6);
    }

    [Property(MaxTest = 150, Arbitrary = [typeof(Stocks)])]
    public Property Cluster_EveryHomeInOneClusterOfItsOwnAuthority_KRuleHolds_NoEmptyCluster(TestStock stock)
    {
        var homes = stock.ToHomeSet();
        var r = Run(homes, stock.TargetSize, stock.Seed);
        var labels = r.ClusterOfHome;
        var auth = homes.AuthorityIndex;
        bool ok = labels.Length == homes.Count;
        for (int i = 0; i < homes.Count && ok; i++) ok = r.AuthorityOfCluster[labels[i] - 1] == auth[i];
        int sum = 0;
        for (int c = 1; c <= r.ClusterCount; c++)
        {
            ok &= r.SizeOf(c) > 0;
            sum += r.SizeOf(c);
        }

        foreach (var a in r.Authorities)
        {
            ok &= a.Clusters == KMeansClusterer.ClusterCount(a.Homes, stock.TargetSize, a.DistinctLocations);
        }

        return (ok && sum == homes.Count).Label(stock.ToString()).Classify(r.ClusterCount > homes.Authorities.Count, "several clusters per authority");
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Stocks)])]
    public Property Cluster_AtConvergence_EveryHomeIsWithItsNearestCentre(TestStock stock)
    {
        var homes = stock.ToHomeSet();
        var r = new KMeansClusterer().Cluster(homes, new PlaceKitOptions { Seed = stock.Seed, Clustering = { TargetSize = stock.TargetSize, Tolerance = 0 } });
        bool ok = true;
        for (int i = 0; i < homes.Count && ok; i++)
        {
            int own = r.ClusterOfHome[i];
            double d = D2(homes, i, r, own);
            var first = homes.Authorities[homes.AuthorityIndex[i]];
            var a = r.Authorities.First(x => x.Authority == first);
            for (int c = a.FirstClusterId; c < a.FirstClusterId + a.Clusters; c++) ok &= D2(homes, i, r, c) >= d - 1e-6;
        }

        return ok.Label(stock.ToString());
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Stocks)])]
    public bool Cluster_SameSeed_SameLabels_AtOneAndManyThreads(TestStock stock)
    {
        var homes = stock.ToHomeSet();
        var one = Run(homes, stock.TargetSize, stock.Seed, threads: 1);
        var many = Run(homes, stock.TargetSize, stock.Seed, threads: 8);
        var again = Run(homes, stock.TargetSize, stock.Seed, threads: -1);
        return one.ClusterOfHome.SequenceEqual(many.ClusterOfHome) && one.ClusterOfHome.SequenceEqual(again.ClusterOfHome)
            && one.CentreX.SequenceEqual(many.CentreX) && one.TotalInertia == many.TotalInertia;
    }

    [Fact]
    public void Cluster_SeedChangesTheRun()
    {
        var homes = HomeSet.Create(SampleStock.Generate(5000, 2, 5));
        Assert.False(Run(homes, 100, 1).ClusterOfHome.SequenceEqual(Run(homes, 100, 2).ClusterOfHome));
    }

    [Fact]
    public void Cluster_MoreRestarts_NeverWorseInertia()
    {
        var homes = HomeSet.Create(SampleStock.Generate(6000, 3, 9));
        var one = new KMeansClusterer().Cluster(homes, new PlaceKitOptions { Clustering = { TargetSize = 100, Restarts = 1 } });
        var five = new KMeansClusterer().Cluster(homes, new PlaceKitOptions { Clustering = { TargetSize = 100, Restarts = 5 } });
        Assert.True(five.TotalInertia <= one.TotalInertia);
    }

    [Fact]
    public void Cluster_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new KMeansClusterer().Cluster(SampleStock.Sample(), new PlaceKitOptions(), null, cts.Token));
    }

    private static double D2(HomeSet h, int i, ClusterAssignment r, int c)
    {
        double dx = h.X[i] - r.CentreX[c - 1], dy = h.Y[i] - r.CentreY[c - 1];
        return (dx * dx) + (dy * dy);
    }
}
