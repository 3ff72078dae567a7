using BenchmarkDotNet.Attributes;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Territories;
using PlaceKit.Trimming;

namespace PlaceKit.Benchmarks;

/// <summary>
/// The whole territory stage (fallback areas, Voronoi, outlines, clipping, no-place areas) of a generated stock of
/// 200,000 homes in 60 authorities (about 3,300 homes each, as at 1M homes in 300 authorities) or 300,000 in 4 (75,000
/// each, as at 25M homes in 330), on two threads: each
/// place's outline traced from the triangulation (the default since 27 November 2026) against every cell built and
/// dissolved (the way before).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TerritoryBuildBenchmarks
{
    private HomeSet _homes = null!;
    private IReadOnlyList<Place> _places = null!;
    private int[] _placeOf = null!;

    /// <summary>Trace the outlines (true) or dissolve the cells (false).</summary>
    [Params(false, true)]
    public bool TraceOutlines { get; set; }

    /// <summary>Homes an authority: 3,300 (1M homes in 300 authorities) or 75,000 (25M in 330).</summary>
    [Params(3_300, 75_000)]
    public int HomesEach { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int authorities = HomesEach < 10_000 ? 60 : 4;
        _homes = HomeSet.Create(SampleStock.Generate(HomesEach * authorities, authorities, seed: 42));
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Seed = 42 }).Define(_homes);
        _places = plan.Places;
        _placeOf = plan.PlaceIndexOfHome.ToArray();
    }

    [Benchmark]
    public int Territories() =>
        new VoronoiTerritoryBuilder(TraceOutlines).Build(_homes, _places, _placeOf, new TerritoryOptions(), maxDegreeOfParallelism: 2).Places.Count;
}
