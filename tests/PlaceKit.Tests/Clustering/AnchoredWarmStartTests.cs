using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Clustering;

/// <summary>The anchored iterations of a warm start (<see cref="KMeansAnchored"/>): the margin rule, and determinism.</summary>
public class AnchoredWarmStartTests
{
    private static ClusterAssignment Run(HomeSet homes, int target, int seed, ClusterStart? start, int chunk = KMeansWork.DefaultChunk, int threads = -1) =>
        new KMeansClusterer(KMeansAlgorithm.Auto, chunk).Cluster(homes, new PlaceKitOptions
        {
            Seed = seed,
            MaxDegreeOfParallelism = threads,
            Clustering = { TargetSize = target },
        }, start);

    private static ClusterStart StartOf(HomeSet homes, ClusterAssignment a) =>
        new(Enumerable.Range(0, a.ClusterCount).Select(j => (homes.Authorities[a.AuthorityOfCluster[j]], a.CentreX[j], a.CentreY[j])));

    /// <summary>
    /// Cold run on a stock, then a warm start from its centres on the stock less every 50th home: identical at 1, 2 and
    /// 8 threads with chunks of 7 homes, and every home is in its nearest cluster or in one at most the margin
    /// 2√(tolerance × the authority's mean coordinate variance) farther.
    /// </summary>
    [Property(MaxTest = 60, Arbitrary = [typeof(Stocks)])]
    public Property WarmStart_EveryHomeWithinTheMarginOfItsNearestCentre_SameAtAnyThreadCount(TestStock stock)
    {
        var all = stock.ToHomeSet();
        var kept = Enumerable.Range(0, all.Count).Where(i => i % 50 != 49).ToArray();
        if (kept.Length == 0) return true.ToProperty();
        var homes = all.Subset(kept);
        var start = StartOf(all, Run(all, stock.TargetSize, stock.Seed, null));
        var one = Run(homes, stock.TargetSize, stock.Seed, start, chunk: 7, threads: 1);
        var two = Run(homes, stock.TargetSize, stock.Seed, start, chunk: 7, threads: 2);
        var many = Run(homes, stock.TargetSize, stock.Seed, start, chunk: 7, threads: 8);
        bool same = one.ClusterOfHome.SequenceEqual(two.ClusterOfHome) && one.ClusterOfHome.SequenceEqual(many.ClusterOfHome)
            && one.CentreX.SequenceEqual(many.CentreX) && one.CentreY.SequenceEqual(many.CentreY);

        double worst = double.NegativeInfinity;
        for (int a = 0; a < homes.Authorities.Count; a++)
        {
            var members = Enumerable.Range(0, homes.Count).Where(i => homes.AuthorityIndex[i] == a).ToArray();
            if (members.Length == 0) continue;
            double mx = members.Average(i => homes.X[i]), my = members.Average(i => homes.Y[i]);
            double ss = members.Sum(i => ((homes.X[i] - mx) * (homes.X[i] - mx)) + ((homes.Y[i] - my) * (homes.Y[i] - my)));
            double margin = KMeansAnchored.Margin(1e-4 * ss / members.Length / 2);
            var ids = Enumerable.Range(0, one.ClusterCount).Where(j => one.AuthorityOfCluster[j] == a).ToArray();
            foreach (int i in members)
            {
                int c = one.ClusterOfHome[i] - 1;
                double own = Math.Sqrt(Math.Pow(homes.X[i] - one.CentreX[c], 2) + Math.Pow(homes.Y[i] - one.CentreY[c], 2));
                double nearest = ids.Min(j => Math.Sqrt(Math.Pow(homes.X[i] - one.CentreX[j], 2) + Math.Pow(homes.Y[i] - one.CentreY[j], 2)));
                worst = Math.Max(worst, own - nearest - margin - (1e-9 * (1 + margin)));
            }
        }

        return (same && worst <= 1e-6).Label($"{stock}: same {same}, worst excess over the margin {worst:G3} m");
    }

    [Fact]
    public void Anchored_AHomeWithinTheMarginStaysWithItsStartCluster_BeyondItMovesAsLloyd()
    {
        // Centres start at 0 and 4; the home at 2.2 is nearest 4 (its anchor). After one update centre 1 is at 5.05 and
        // the home is 0.65 m nearer centre 0: with a shift tolerance of 1 m² (margin 2 m) it stays, with 0.01 m²
        // (margin 0.2 m) it moves, as plain Lloyd moves it.
        double[] x = [-1, 0, 1, 2.2, 5, 6, 7];
        using var wide = Work(x, [0, 4]);
        KMeansAnchored.Run(wide, 100, 1.0);
        Assert.Equal(1, wide.Labels[3]);

        using var narrow = Work(x, [0, 4]);
        KMeansAnchored.Run(narrow, 100, 0.01);
        using var lloyd = Work(x, [0, 4]);
        KMeansKernel.Lloyd(lloyd, 100, 0.01);
        Assert.Equal(0, narrow.Labels[3]);
        Assert.Equal(lloyd.Labels.AsSpan(0, x.Length).ToArray(), narrow.Labels.AsSpan(0, x.Length).ToArray());
        Assert.Equal(lloyd.Cx, narrow.Cx);
    }

    [Fact]
    public void Rerun_SameStock_AnchoredWarmStartKeepsEveryHome()
    {
        // A warm start on the very stock its centres came from: the anchored run keeps every home (plain Lloyd
        // iterations from the same centres move 12: the cold run had stopped at its tolerance, not at a fixed point).
        var homes = HomeSet.Create(SampleStock.Generate(9_536, 1, 24));
        var cold = Run(homes, 450, 24, null);
        var warm = Run(homes, 450, 24, StartOf(homes, cold));
        int moved = 0;
        for (int i = 0; i < homes.Count; i++) if (cold.ClusterOfHome[i] != warm.ClusterOfHome[i]) moved++;
        Assert.Equal(0, moved);
    }

    private static KMeansWork Work(double[] x, double[] centresX)
    {
        var w = new KMeansWork(x.Length, centresX.Length, 3, new ParallelOptions { MaxDegreeOfParallelism = 2 });
        x.CopyTo(w.X, 0);
        w.Y.AsSpan(0, x.Length).Clear(); // rented: clear what the pool left
        centresX.CopyTo(w.Cx, 0);
        return w;
    }
}
