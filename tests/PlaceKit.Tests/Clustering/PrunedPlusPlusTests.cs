using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Clustering;

/// <summary>Greedy k-means++ with triangle-inequality pruning (big authorities) against the unpruned kernel.</summary>
public class PrunedPlusPlusTests
{
    /// <summary>One authority of a generated stock, centred, k from the stock's target (capped at its distinct locations).</summary>
    private static KMeansWork Work(TestStock stock, int threads)
    {
        var homes = stock.ToHomeSet();
        var partition = AuthorityPartition.Create(homes);
        var members = partition.HomesOf(partition.Order[0]).ToArray();
        int n = members.Length;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = homes.X[members[i]] - 350_000;
            y[i] = homes.Y[members[i]] - 250_000;
        }

        int k = KMeansClusterer.ClusterCount(n, stock.TargetSize, AuthorityRunner.DistinctLocations(x, y));
        var w = new KMeansWork(n, k, 5, new ParallelOptions { MaxDegreeOfParallelism = threads });
        x.CopyTo(w.X, 0);
        y.CopyTo(w.Y, 0);
        return w;
    }

    private static double Potential(KMeansWork w)
    {
        double pot = 0;
        for (int i = 0; i < w.N; i++)
        {
            KMeansKernel.Nearest(w.X[i], w.Y[i], w.Cx, w.Cy, out double d2);
            pot += d2;
        }

        return pot;
    }

    [Property(MaxTest = 150, Arbitrary = [typeof(Stocks)])]
    public Property Seed_TrackedPotentialIsTheTruePotential_CentresAreDistinctHomes_SameDrawsAsUnpruned(TestStock stock)
    {
        using var w = Work(stock, threads: 2);
        var rng = new Random(stock.Seed);
        double tracked = PrunedPlusPlus.Seed(w, rng);
        int after = rng.Next();

        // A list the pruning wrongly skipped would keep stale (too large) distances: the tracked potential would exceed the truth.
        double truth = Potential(w);
        bool potentialOk = Math.Abs(tracked - truth) <= 1e-9 * Math.Max(1, truth);

        var locations = new HashSet<(double, double)>();
        for (int i = 0; i < w.N; i++) locations.Add((w.X[i], w.Y[i]));
        var centres = new HashSet<(double, double)>();
        for (int c = 0; c < w.K; c++) centres.Add((w.Cx[c], w.Cy[c]));
        bool centresOk = centres.Count == w.K && centres.IsSubsetOf(locations);

        var full = new Random(stock.Seed);
        KMeansKernel.SeedPlusPlusFull(w, full);
        bool drawsOk = full.Next() == after;
        return (potentialOk && centresOk && drawsOk)
            .Label($"{stock}: k {w.K}, tracked {tracked:R} vs {truth:R}, distinct centres {centres.Count}, same draws {drawsOk}")
            .Classify(w.K >= 50, "k >= 50");
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Stocks)])]
    public Property Seed_AnyThreadCount_SameCentres(TestStock stock)
    {
        double[] Seed(int threads)
        {
            using var w = Work(stock, threads);
            PrunedPlusPlus.Seed(w, new Random(stock.Seed));
            return [.. w.Cx, .. w.Cy];
        }

        var one = Seed(1);
        return (one.SequenceEqual(Seed(2)) && one.SequenceEqual(Seed(8))).Label(stock.ToString());
    }

    [Fact]
    public void Seed_SameQualityAsTheUnprunedKernel_OverManySeeds()
    {
        // Same algorithm, different sampling order: over 30 seeds the mean potentials agree within a few percent.
        var homes = HomeSet.Create(SampleStock.Generate(20_000, 1, 3));
        var x = new double[homes.Count];
        var y = new double[homes.Count];
        for (int i = 0; i < homes.Count; i++) (x[i], y[i]) = (homes.X[i] - homes.X[0], homes.Y[i] - homes.Y[0]);
        using var w = new KMeansWork(homes.Count, 44, KMeansWork.DefaultChunk, null);
        x.CopyTo(w.X, 0);
        y.CopyTo(w.Y, 0);
        double pruned = 0, full = 0;
        for (int s = 0; s < 30; s++)
        {
            pruned += PrunedPlusPlus.Seed(w, new Random(s));
            KMeansKernel.SeedPlusPlusFull(w, new Random(s));
            full += Potential(w);
        }

        Assert.InRange(pruned / full, 0.95, 1.05);
    }

    [Fact]
    public void SeedPlusPlus_UsesThePrunedKernelOnlyFromTheThreshold()
    {
        var homes = HomeSet.Create(SampleStock.Generate(10_000, 1, 5));
        var x = homes.X.ToArray();
        var y = homes.Y.ToArray();
        double[] Centres(int k, Action<KMeansWork, Random> seed)
        {
            using var w = new KMeansWork(x.Length, k, KMeansWork.DefaultChunk, null);
            x.CopyTo(w.X, 0);
            y.CopyTo(w.Y, 0);
            seed(w, new Random(9));
            return [.. w.Cx, .. w.Cy];
        }

        int below = KMeansKernel.PrunedMinClusters - 1, above = KMeansKernel.PrunedMinClusters;
        Assert.Equal(Centres(below, KMeansKernel.SeedPlusPlusFull), Centres(below, KMeansKernel.SeedPlusPlus));
        Assert.Equal(Centres(above, (w, r) => PrunedPlusPlus.Seed(w, r)), Centres(above, KMeansKernel.SeedPlusPlus));
    }

    [Fact]
    public void Clusterer_AboveTheThreshold_SameAtOneAndManyThreads_AndHamerlyGivesLloydsLabels()
    {
        // 40,000 homes, target 100: k = 400 (pruned seeding, centre grid in Hamerly), three production-size chunks.
        var homes = HomeSet.Create(SampleStock.Generate(40_000, 1, 13));
        PlaceKitOptions Options(int threads) => new() { Seed = 3, MaxDegreeOfParallelism = threads, Clustering = { TargetSize = 100 } };
        var one = new KMeansClusterer().Cluster(homes, Options(1));
        var many = new KMeansClusterer().Cluster(homes, Options(4));
        var lloyd = new KMeansClusterer(KMeansAlgorithm.Lloyd).Cluster(homes, Options(4));
        Assert.Equal(400, one.ClusterCount);
        Assert.Equal(one.ClusterOfHome.ToArray(), many.ClusterOfHome.ToArray());
        Assert.Equal(one.CentreX.ToArray(), many.CentreX.ToArray());
        Assert.Equal(one.ClusterOfHome.ToArray(), lloyd.ClusterOfHome.ToArray());
        Assert.Equal(one.CentreY.ToArray(), lloyd.CentreY.ToArray());
        Assert.Equal(one.Authorities[0].Iterations, lloyd.Authorities[0].Iterations);
    }
}
