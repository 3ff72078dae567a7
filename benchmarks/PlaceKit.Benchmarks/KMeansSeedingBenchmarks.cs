using BenchmarkDotNet.Attributes;
using PlaceKit.Clustering;

namespace PlaceKit.Benchmarks;

/// <summary>
/// Greedy k-means++ seeding (2 + ln k candidates a step) on one authority of 1k to 1M homes (k from the 450 rule), one
/// thread: every candidate scored against every home (baseline) vs pruned by the triangle inequality.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class KMeansSeedingBenchmarks
{
    private KMeansWork _work = null!;

    /// <summary>Homes in the authority.</summary>
    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int Homes { get; set; }

    [GlobalSetup]
    public void Setup() => _work = AuthorityFixture.Work(Homes);

    [GlobalCleanup]
    public void Cleanup() => _work.Dispose();

    [Benchmark(Baseline = true)]
    public double Full()
    {
        if (Homes >= 1_000_000) return 0; // ~20 s a call on one thread: measured by the scale runner instead
        KMeansKernel.SeedPlusPlusFull(_work, new Random(7));
        return _work.Cx[^1];
    }

    [Benchmark]
    public double Pruned()
    {
        PrunedPlusPlus.Seed(_work, new Random(7));
        return _work.Cx[^1];
    }
}
