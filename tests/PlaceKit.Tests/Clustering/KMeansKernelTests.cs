using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Clustering;

/// <summary>The accelerated kernels (Hamerly, Elkan) against the plain Lloyd reference, and chunked determinism.</summary>
public class KMeansKernelTests
{
    private static ClusterAssignment Run(HomeSet homes, KMeansAlgorithm algorithm, int target, int seed, double tolerance, int chunk = KMeansWork.DefaultChunk, int threads = -1) =>
        new KMeansClusterer(algorithm, chunk).Cluster(homes, new PlaceKitOptions
        {
            Seed = seed,
            MaxDegreeOfParallelism = threads,
            Clustering = { TargetSize = target, Tolerance = tolerance },
        });

    private static bool Same(ClusterAssignment a, ClusterAssignment b)
    {
        if (!a.ClusterOfHome.SequenceEqual(b.ClusterOfHome) || !a.CentreX.SequenceEqual(b.CentreX) || !a.CentreY.SequenceEqual(b.CentreY)) return false;
        for (int i = 0; i < a.Authorities.Count; i++)
        {
            var x = a.Authorities[i];
            var y = b.Authorities[i];
            if (x.Iterations != y.Iterations) return false;
            if (Math.Abs(x.Inertia - y.Inertia) > 1e-9 * Math.Max(1, Math.Abs(x.Inertia))) return false;
        }

        return true;
    }

    [Property(MaxTest = 150, Arbitrary = [typeof(Stocks)])]
    public Property Hamerly_And_Elkan_GiveLloydsLabelsCentresInertiaAndIterations(TestStock stock, bool untilNoMove)
    {
        var homes = stock.ToHomeSet();
        double tol = untilNoMove ? 0 : 1e-4;
        var lloyd = Run(homes, KMeansAlgorithm.Lloyd, stock.TargetSize, stock.Seed, tol);
        var hamerly = Run(homes, KMeansAlgorithm.Hamerly, stock.TargetSize, stock.Seed, tol);
        var elkan = Run(homes, KMeansAlgorithm.Elkan, stock.TargetSize, stock.Seed, tol);
        return (Same(lloyd, hamerly) && Same(lloyd, elkan)).Label(stock.ToString())
            .Classify(lloyd.Authorities.Any(a => a.Iterations > 3), "more than 3 iterations");
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Stocks)])]
    public Property SmallChunks_AnyThreadCount_SameResult_ForEveryKernel(TestStock stock)
    {
        // Chunks of 7 homes force the intra-authority parallel path on small stocks.
        var homes = stock.ToHomeSet();
        bool ok = true;
        foreach (var alg in new[] { KMeansAlgorithm.Lloyd, KMeansAlgorithm.Hamerly, KMeansAlgorithm.Elkan })
        {
            var one = Run(homes, alg, stock.TargetSize, stock.Seed, 1e-4, chunk: 7, threads: 1);
            var two = Run(homes, alg, stock.TargetSize, stock.Seed, 1e-4, chunk: 7, threads: 2);
            var many = Run(homes, alg, stock.TargetSize, stock.Seed, 1e-4, chunk: 7, threads: 8);
            ok &= Same(one, two) && Same(one, many);
        }

        var lloyd = Run(homes, KMeansAlgorithm.Lloyd, stock.TargetSize, stock.Seed, 1e-4, chunk: 7, threads: 8);
        var hamerly = Run(homes, KMeansAlgorithm.Hamerly, stock.TargetSize, stock.Seed, 1e-4, chunk: 7, threads: 8);
        return (ok && Same(lloyd, hamerly)).Label(stock.ToString());
    }

    [Fact]
    public void OneBigAuthority_ChunkedInParallel_IsIdenticalAtOneAndManyThreads()
    {
        // 60,000 homes in one authority: four production-size chunks (16,384 homes each).
        var homes = HomeSet.Create(SampleStock.Generate(60_000, 1, 11));
        var one = Run(homes, KMeansAlgorithm.Auto, 450, 5, 1e-4, threads: 1);
        var many = Run(homes, KMeansAlgorithm.Auto, 450, 5, 1e-4, threads: 4);
        var lloyd = Run(homes, KMeansAlgorithm.Lloyd, 450, 5, 1e-4, threads: 4);
        Assert.Equal(133, one.ClusterCount);
        Assert.True(Same(one, many));
        Assert.True(Same(one, lloyd));
    }

    [Theory]
    [InlineData("Lloyd")]
    [InlineData("Hamerly")]
    [InlineData("Elkan")]
    public void Kernel_CentreThatAttractsNoHome_IsReseededFromTheFarthestHome(string name)
    {
        var algorithm = Enum.Parse<KMeansAlgorithm>(name);
        // Two tight groups and a far outlier; centre 2 starts where no home is nearest to it.
        double[] x = [0, 1, 2, 100, 101, 102, 1000];
        double[] y = [0, 0, 0, 0, 0, 0, 0];
        using var w = Work(x, y, [1, 101, 50_000]);
        var (inertia, _) = Iterate(w, algorithm, 0);
        var labels = w.Labels.AsSpan(0, x.Length).ToArray();
        Assert.Equal(3, labels.Distinct().Count());
        Assert.Single(labels, labels[6]); // the outlier, farthest from its centre, took the empty cluster
        Assert.Equal(1000, w.Cx[labels[6]]);
        Assert.Equal(4.0, inertia, 9); // (1 + 0 + 1) + (1 + 0 + 1)
    }

    [Theory]
    [InlineData("Lloyd")]
    [InlineData("Hamerly")]
    [InlineData("Elkan")]
    public void Kernel_AllHomesAtOnePoint_ZeroInertiaOneIteration(string name)
    {
        var algorithm = Enum.Parse<KMeansAlgorithm>(name);
        using var w = Work(new double[50], new double[50], [0]);
        var (inertia, iterations) = Iterate(w, algorithm, 1e-4);
        Assert.Equal(0, inertia);
        Assert.Equal(1, iterations);
        Assert.All(w.Labels.AsSpan(0, 50).ToArray(), l => Assert.Equal(0, l));
    }

    [Theory]
    [InlineData("Lloyd")]
    [InlineData("Hamerly")]
    [InlineData("Elkan")]
    public void Kernel_TiesGoToTheLowestCentre_AsLloyd(string name)
    {
        var algorithm = Enum.Parse<KMeansAlgorithm>(name);
        // Home 0 (at 0) starts equidistant from the centres at -1 and 1: the tie goes to centre 0, as in Lloyd.
        double[] x = [0, -1, -1, 1, 1];
        double[] y = [0, 1, -1, 1, -1];
        using var w = Work(x, y, [-1, 1]);
        Iterate(w, algorithm, 0);
        Assert.Equal([0, 0, 0, 1, 1], w.Labels.AsSpan(0, 5).ToArray());
    }

    [Theory]
    [InlineData("Lloyd")]
    [InlineData("Hamerly")]
    [InlineData("Elkan")]
    public void Cluster_TwoHomes_OneClusterEach(string name)
    {
        var algorithm = Enum.Parse<KMeansAlgorithm>(name);
        var r = new KMeansClusterer(algorithm).Cluster(
            HomeSet.Create([new("a", 400000, 1_299_000, "E1"), new("b", 400000.5, 1_299_000, "E1")]),
            new PlaceKitOptions { Clustering = { TargetSize = 1 } });
        Assert.Equal(2, r.ClusterCount);
        Assert.NotEqual(r.ClusterOfHome[0], r.ClusterOfHome[1]);
        Assert.Equal(0, r.TotalInertia);
    }

    [Fact]
    public void Cluster_CollinearHomesAtTheTopOfTheGrid_AllKernelsAgreeAndSplitTheLineEvenly()
    {
        // Northings near 1,300,000 m and half-metre steps: centring keeps the squares exact.
        var homes = HomeSet.Create(Enumerable.Range(0, 900).Select(i => new Home($"h{i}", 350_000, 1_299_000 - (i * 0.5), "E1")));
        var lloyd = Run(homes, KMeansAlgorithm.Lloyd, 300, 3, 0);
        Assert.True(Same(lloyd, Run(homes, KMeansAlgorithm.Hamerly, 300, 3, 0)));
        Assert.True(Same(lloyd, Run(homes, KMeansAlgorithm.Elkan, 300, 3, 0)));
        for (int c = 1; c <= 3; c++) Assert.InRange(lloyd.SizeOf(c), 290, 310);
    }

    [Theory]
    [InlineData(1000, 1, "Lloyd")]
    [InlineData(1000, 4, "Lloyd")]
    [InlineData(1000, 5, "Hamerly")]
    [InlineData(100_000, 4095, "Hamerly")]
    [InlineData(4096, 4096, "Elkan")]
    [InlineData(1_000_000, 4096, "Hamerly")] // 4 G bounds would not fit the Elkan budget
    public void Choose_ByClusterCountAndMemory(int n, int k, string expected) =>
        Assert.Equal(Enum.Parse<KMeansAlgorithm>(expected), new KMeansClusterer().Choose(n, k));

    private static KMeansWork Work(double[] x, double[] y, double[] centresX)
    {
        var w = new KMeansWork(x.Length, centresX.Length, 3, new ParallelOptions { MaxDegreeOfParallelism = 2 });
        x.CopyTo(w.X, 0);
        y.CopyTo(w.Y, 0);
        centresX.CopyTo(w.Cx, 0);
        return w;
    }

    private static (double Inertia, int Iterations) Iterate(KMeansWork w, KMeansAlgorithm algorithm, double tolerance) => algorithm switch
    {
        KMeansAlgorithm.Lloyd => KMeansKernel.Lloyd(w, 100, tolerance),
        KMeansAlgorithm.Elkan => KMeansElkan.Run(w, 100, tolerance),
        _ => KMeansHamerly.Run(w, 100, tolerance),
    };
}
