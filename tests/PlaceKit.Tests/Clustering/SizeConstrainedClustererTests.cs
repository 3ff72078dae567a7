using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Clustering;

public class SizeConstrainedClustererTests
{
    private static PlaceKitOptions Options(int target, int seed = 1, int? min = null, int? max = null, int threads = -1) => new()
    {
        Seed = seed,
        MaxDegreeOfParallelism = threads,
        Clustering = { TargetSize = target, Algorithm = ClusteringAlgorithm.SizeConstrained, MinSize = min, MaxSize = max },
    };

    private static ClusterAssignment Run(HomeSet homes, PlaceKitOptions o) => new SizeConstrainedClusterer().Cluster(homes, o);

    /// <summary>A stock plus bounds: the defaults, or a minimum and maximum drawn around the target.</summary>
    public static class Bounded
    {
        public static Arbitrary<(TestStock Stock, int? Min, int? Max)> Case() =>
            (from stock in Stocks.Gen()
             from useDefault in Gen.Elements(true, false)
             from minFactor in Gen.Elements(0.2, 0.5, 0.8, 1.0)
             from maxFactor in Gen.Elements(1.0, 1.2, 2.0, 3.0)
             let min = Math.Max(1, (int)(stock.TargetSize * minFactor))
             let max = Math.Max(min, (int)Math.Ceiling(stock.TargetSize * maxFactor))
             select (stock, useDefault ? (int?)null : min, useDefault ? (int?)null : max)).ToArbitrary();
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(Bounded)])]
    public Property Cluster_SizesWithinBoundsWhereSatisfiable_NoHomeLost_NoClusterCrossesAuthority((TestStock Stock, int? Min, int? Max) c)
    {
        var homes = c.Stock.ToHomeSet();
        var o = Options(c.Stock.TargetSize, c.Stock.Seed, c.Min, c.Max);
        var r = Run(homes, o);
        var (lo, hi) = SizeConstrainedClusterer.SizeBounds(o.Clustering);
        bool ok = r.ClusterOfHome.Length == homes.Count;
        for (int i = 0; i < homes.Count && ok; i++) ok = r.AuthorityOfCluster[r.ClusterOfHome[i] - 1] == homes.AuthorityIndex[i];
        int sum = 0, bounded = 0;
        foreach (var a in r.Authorities)
        {
            int n = a.Homes;
            bool satisfiable = n >= lo && (n + hi - 1) / hi <= n / lo && (n + hi - 1) / hi <= a.DistinctLocations;
            for (int id = a.FirstClusterId; id < a.FirstClusterId + a.Clusters; id++)
            {
                int size = r.SizeOf(id);
                sum += size;
                ok &= size > 0;
                if (satisfiable) ok &= size >= lo && size <= hi;
            }

            if (satisfiable) bounded++;
            else ok &= a.Note.Length > 0; // an authority that cannot meet the bounds says so
        }

        return (ok && sum == homes.Count).Label($"{c.Stock} bounds {lo}-{hi}").Classify(bounded > 0, "some authority bounded");
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Stocks)])]
    public bool Cluster_SameSeed_SameResult_AtOneAndManyThreads(TestStock stock)
    {
        var homes = stock.ToHomeSet();
        var one = Run(homes, Options(stock.TargetSize, stock.Seed, threads: 1));
        var many = Run(homes, Options(stock.TargetSize, stock.Seed, threads: 8));
        return one.ClusterOfHome.SequenceEqual(many.ClusterOfHome) && one.CentreX.SequenceEqual(many.CentreX) && one.TotalInertia == many.TotalInertia;
    }

    [Fact]
    public void Cluster_SampleStock_EveryClusterWithinDefaultBounds_AndTighterSpreadOfSizesThanKMeans()
    {
        var homes = SampleStock.Sample();
        var r = Run(homes, Options(450));
        var km = new KMeansClusterer().Cluster(homes, new PlaceKitOptions { Seed = 1 });
        var sizes = Enumerable.Range(1, r.ClusterCount).Select(r.SizeOf).ToArray();
        Assert.All(sizes, s => Assert.InRange(s, 225, 900));
        Assert.Equal(homes.Count, sizes.Sum());
        var kmSizes = Enumerable.Range(1, km.ClusterCount).Select(km.SizeOf).ToArray();
        Assert.True(kmSizes.Min() < 225 || kmSizes.Max() > 900, "the sample should need the bounds");
    }

    [Fact]
    public void Cluster_AuthoritySmallerThanMinimum_OneClusterAndANote()
    {
        var homes = Enumerable.Range(0, 12).Select(i => new Home($"h{i}", 400000 + (i * 50), 300000, "E1")).ToArray();
        var r = Run(HomeSet.Create(homes), Options(450));
        Assert.Equal(1, r.ClusterCount);
        Assert.Equal("12 homes < min size 225: one cluster below the minimum", r.Authorities[0].Note);
    }

    [Fact]
    public void Cluster_NoKFitsTheBounds_RelaxesTheMinimumAndSaysSo()
    {
        // 500 homes with sizes 400-450: one cluster is too big, two are too small.
        var homes = Enumerable.Range(0, 500).Select(i => new Home($"h{i}", 400000 + (i % 25 * 20), 300000 + (i / 25 * 20), "E1")).ToArray();
        var r = Run(HomeSet.Create(homes), Options(450, min: 400, max: 450));
        Assert.Equal(2, r.ClusterCount);
        Assert.Equal("no k fits 500 homes in sizes 400-450: k = 2, min relaxed to 250", r.Authorities[0].Note);
        Assert.InRange(r.SizeOf(1), 250, 450);
        Assert.InRange(r.SizeOf(2), 250, 450);
    }

    [Fact]
    public void Cluster_KRuleOutsideBounds_AdaptsKAndSaysSo()
    {
        // 1,000 homes, target 100 gives k = 10, but sizes must be 400-600: k becomes 2.
        var homes = Enumerable.Range(0, 1000).Select(i => new Home($"h{i}", 400000 + (i % 40 * 15), 300000 + (i / 40 * 15), "E1")).ToArray();
        var r = Run(HomeSet.Create(homes), Options(100, min: 400, max: 600));
        Assert.Equal(2, r.ClusterCount);
        Assert.Equal("k 10 -> 2 so that 400 x k <= 1000 homes <= 600 x k", r.Authorities[0].Note);
        Assert.All(new[] { r.SizeOf(1), r.SizeOf(2) }, s => Assert.InRange(s, 400, 600));
    }

    [Fact]
    public void Cluster_LopsidedBlobs_MovesHomesToMeetTheMinimum()
    {
        // A blob of 900 and one of 100, 5 km apart; target 500, min 400: plain k-means gives 900 / 100.
        var rng = new Random(3);
        var homes = new List<Home>();
        for (int i = 0; i < 900; i++) homes.Add(new Home($"a{i}", 400000 + (rng.NextDouble() * 300), 300000 + (rng.NextDouble() * 300), "E1"));
        for (int i = 0; i < 100; i++) homes.Add(new Home($"b{i}", 405000 + (rng.NextDouble() * 300), 300000 + (rng.NextDouble() * 300), "E1"));
        var r = Run(HomeSet.Create(homes), Options(500, min: 400, max: 600));
        Assert.Equal(2, r.ClusterCount);
        var sizes = new[] { r.SizeOf(1), r.SizeOf(2) }.Order().ToArray();
        Assert.Equal(400, sizes[0]);
        Assert.Equal(600, sizes[1]);

        // The 100 homes of the small blob stay together: only big-blob homes moved.
        var small = r.ClusterOfHome[900];
        for (int i = 900; i < 1000; i++) Assert.Equal(small, r.ClusterOfHome[i]);
    }

    [Fact]
    public void SizeBounds_DefaultsAreHalfAndTwiceTheTarget()
    {
        Assert.Equal((225, 900), SizeConstrainedClusterer.SizeBounds(new ClusteringOptions()));
        Assert.Equal((1, 2), SizeConstrainedClusterer.SizeBounds(new ClusteringOptions { TargetSize = 1 }));
        Assert.Equal((10, 20), SizeConstrainedClusterer.SizeBounds(new ClusteringOptions { MinSize = 10, MaxSize = 20 }));
    }

    [Fact]
    public void Cluster_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new SizeConstrainedClusterer().Cluster(SampleStock.Sample(), Options(450), null, cts.Token));
    }
}
