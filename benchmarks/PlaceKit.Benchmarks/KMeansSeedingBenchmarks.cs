using BenchmarkDotNet.Attributes;
using PlaceKit.Clustering;

namespace PlaceKit.Benchmarks;

/// <summary>Greedy k-means++ seeding (2 + ln k candidates a step) on one authority of 1k, 10k and 100k homes, one thread.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class KMeansSeedingBenchmarks
{
    private KMeansWork _work = null!;

    /// <summary>Homes in the authority.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Homes { get; set; }

    [GlobalSetup]
    public void Setup() => _work = AuthorityFixture.Work(Homes);

    [GlobalCleanup]
    public void Cleanup() => _work.Dispose();

    [Benchmark]
    public double SeedPlusPlus()
    {
        KMeansKernel.SeedPlusPlus(_work, new Random(7));
        return _work.Cx[^1];
    }
}
