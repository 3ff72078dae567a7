using BenchmarkDotNet.Attributes;
using PlaceKit.Clustering;

namespace PlaceKit.Benchmarks;

/// <summary>
/// One k-means iteration from k-means++ centres on one authority of 1k, 10k and 100k homes, one thread:
/// <c>maxIterations: 1</c>, i.e. one assignment pass, one centre update and the closing assignment pass. For Lloyd
/// both passes scan all k centres; for Hamerly the first pass also records bounds and the second already uses them.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class KMeansIterationBenchmarks
{
    private KMeansWork _work = null!;
    private double[] _seedX = null!;
    private double[] _seedY = null!;

    /// <summary>Homes in the authority.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Homes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _work = AuthorityFixture.Work(Homes);
        KMeansKernel.SeedPlusPlus(_work, new Random(7));
        _seedX = (double[])_work.Cx.Clone();
        _seedY = (double[])_work.Cy.Clone();
    }

    [GlobalCleanup]
    public void Cleanup() => _work.Dispose();

    [Benchmark(Baseline = true)]
    public double LloydIteration()
    {
        _seedX.CopyTo(_work.Cx, 0);
        _seedY.CopyTo(_work.Cy, 0);
        return KMeansKernel.Lloyd(_work, 1, 0).Inertia;
    }

    [Benchmark]
    public double HamerlyIteration()
    {
        _seedX.CopyTo(_work.Cx, 0);
        _seedY.CopyTo(_work.Cy, 0);
        return KMeansHamerly.Run(_work, 1, 0).Inertia;
    }
}
