using BenchmarkDotNet.Attributes;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Benchmarks;

/// <summary>
/// A full k-means run (seeding + iterations to convergence) on one authority of 1k, 10k and 100k homes (k = 2, 22,
/// 222 at target 450), on one thread: the plain Lloyd kernel (the code before acceleration, baseline) against Hamerly,
/// Elkan and the per-authority choice (Auto). Same seed, so every kernel returns the same labels.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class KMeansAuthorityBenchmarks
{
    private HomeSet _homes = null!;
    private PlaceKitOptions _options = null!;

    /// <summary>Homes in the authority.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Homes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _homes = AuthorityFixture.Homes(Homes);
        _options = new PlaceKitOptions { MaxDegreeOfParallelism = 1 };
    }

    [Benchmark(Baseline = true)]
    public double Lloyd() => new KMeansClusterer(KMeansAlgorithm.Lloyd).Cluster(_homes, _options.Clustering, _options.Context(null, default)).TotalInertia;

    [Benchmark]
    public double Hamerly() => new KMeansClusterer(KMeansAlgorithm.Hamerly).Cluster(_homes, _options.Clustering, _options.Context(null, default)).TotalInertia;

    [Benchmark]
    public double Elkan() => new KMeansClusterer(KMeansAlgorithm.Elkan).Cluster(_homes, _options.Clustering, _options.Context(null, default)).TotalInertia;

    [Benchmark]
    public double Auto() => new KMeansClusterer().Cluster(_homes, _options.Clustering, _options.Context(null, default)).TotalInertia;
}
