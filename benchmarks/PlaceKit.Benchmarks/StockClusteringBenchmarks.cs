using BenchmarkDotNet.Attributes;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Benchmarks;

/// <summary>The clustering stage on the built-in 45,000-home, 25-authority sample, all cores: Lloyd (before) against the accelerated default.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class StockClusteringBenchmarks
{
    private HomeSet _homes = null!;
    private readonly PlaceKitOptions _options = new();

    [GlobalSetup]
    public void Setup() => _homes = SampleStock.Sample();

    [Benchmark(Baseline = true)]
    public double Lloyd() => new KMeansClusterer(KMeansAlgorithm.Lloyd).Cluster(_homes, _options.Clustering, _options.Context(null, default)).TotalInertia;

    [Benchmark]
    public double Accelerated() => new KMeansClusterer().Cluster(_homes, _options.Clustering, _options.Context(null, default)).TotalInertia;
}
