using BenchmarkDotNet.Attributes;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Benchmarks;

/// <summary>
/// The clustering stage on a small stock (37,750 generated homes in 17 authorities, k 2-14 each), one thread: one
/// k-means++ run per authority (the default before issue 17's third session) against the automatic runs (3 per
/// authority of at most 2^20 homes × clusters); and the distinct-location count, a set of double tuples (before)
/// against a set of bit patterns with a multiply-shift hash (after), over every authority.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SmallStockBenchmarks
{
    private HomeSet _homes = null!;
    private readonly PlaceKitOptions _one = new() { MaxDegreeOfParallelism = 1, Clustering = { Restarts = 1 } };
    private readonly PlaceKitOptions _auto = new() { MaxDegreeOfParallelism = 1 };
    private readonly List<(double[] X, double[] Y)> _columns = [];

    [GlobalSetup]
    public void Setup()
    {
        _homes = HomeSet.Create(SampleStock.Generate(37_750, 17, 42));
        var partition = AuthorityPartition.Create(_homes);
        foreach (int a in partition.Order)
        {
            var m = partition.HomesOf(a);
            var x = new double[m.Length];
            var y = new double[m.Length];
            for (int i = 0; i < m.Length; i++) (x[i], y[i]) = (_homes.X[m[i]], _homes.Y[m[i]]);
            _columns.Add((x, y));
        }
    }

    [Benchmark(Baseline = true)]
    public double ClusterOneRun() => new PlaceClusterer().Cluster(_homes, _one.Clustering, _one.Context(null, default)).TotalInertia;

    [Benchmark]
    public double ClusterAutomaticRuns() => new PlaceClusterer().Cluster(_homes, _auto.Clustering, _auto.Context(null, default)).TotalInertia;

    [Benchmark]
    public int DistinctTupleSet()
    {
        int total = 0;
        foreach (var (x, y) in _columns)
        {
            var seen = new HashSet<(double, double)>(x.Length);
            for (int i = 0; i < x.Length; i++) seen.Add((x[i], y[i]));
            total += seen.Count;
        }

        return total;
    }

    [Benchmark]
    public int DistinctBits()
    {
        int total = 0;
        foreach (var (x, y) in _columns) total += AuthorityRunner.DistinctLocations(x, y);
        return total;
    }
}
