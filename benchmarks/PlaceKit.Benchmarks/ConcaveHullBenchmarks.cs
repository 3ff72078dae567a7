using BenchmarkDotNet.Attributes;
using NetTopologySuite.Algorithm.Hull;
using NetTopologySuite.Geometries;
using PlaceKit.Homes;
using PlaceKit.Territories;

namespace PlaceKit.Benchmarks;

/// <summary>
/// The fallback area's concave hull alone, NetTopologySuite's <see cref="ConcaveHull.ConcaveHullByLength(Geometry, double)"/>
/// against <see cref="LengthConcaveHull"/> (the same polygon, triangles on arrays), over the thinned distinct locations of
/// each authority of a generated stock of 200,000 homes in 60 authorities (about 3,300 homes each, as at 1M homes in 300).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ConcaveHullBenchmarks
{
    private readonly TerritoryOptions _options = new();
    private Geometry[] _authorities = null!;

    [GlobalSetup]
    public void Setup()
    {
        var homes = HomeSet.Create(SampleStock.Generate(200_000, 60, seed: 42));
        var factory = new GeometryFactory();
        _authorities = [.. Enumerable.Range(0, homes.Authorities.Count).Select(a => factory.CreateMultiPointFromCoords(
            VoronoiTerritoryBuilder.ThinnedForHull([.. Enumerable.Range(0, homes.Count).Where(i => homes.AuthorityIndex[i] == a)
                .Select(i => new Coordinate(homes.XArray[i], homes.YArray[i])).Distinct().Order()], _options.FallbackMarginMeters, VoronoiTerritoryBuilder.ThinHullAbove)))];
    }

    [Benchmark(Baseline = true)]
    public double NetTopologySuite()
    {
        double total = 0;
        foreach (var points in _authorities) total += ConcaveHull.ConcaveHullByLength(points, _options.FallbackHullEdgeMeters).Area;
        return total;
    }

    [Benchmark]
    public double Arrays()
    {
        double total = 0;
        foreach (var points in _authorities) total += LengthConcaveHull.Of(points, _options.FallbackHullEdgeMeters).Area;
        return total;
    }
}
