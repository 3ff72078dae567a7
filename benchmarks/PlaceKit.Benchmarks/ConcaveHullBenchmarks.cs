using BenchmarkDotNet.Attributes;
using NetTopologySuite.Algorithm.Hull;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;
using PlaceKit.Homes;
using PlaceKit.Territories;

namespace PlaceKit.Benchmarks;

/// <summary>
/// The fallback area's concave hull alone, NetTopologySuite's <see cref="ConcaveHull.ConcaveHullByLength(Geometry, double)"/>
/// against <see cref="LengthConcaveHull"/> (the same polygon, triangles on arrays) on NetTopologySuite's own triangulation
/// (<see cref="DelaunayTriangulationBuilder"/>, whose walks start at the previous site) and on the same triangulation made
/// with <see cref="GridQuadEdgeLocator"/> (walks start near the site), over the thinned distinct locations of each
/// authority of a generated stock: 200,000 homes in 60 authorities (about 3,300 homes each, as at 1M homes in 300) or
/// 750,000 in 10 (75,000 each, as at 25M homes in 330).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ConcaveHullBenchmarks
{
    private readonly TerritoryOptions _options = new();
    private Geometry[] _authorities = null!;

    /// <summary>Homes an authority: 3,300 (1M homes in 300 authorities) or 75,000 (25M in 330).</summary>
    [Params(3_300, 75_000)]
    public int HomesEach { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int authorities = HomesEach < 10_000 ? 60 : 10;
        var homes = HomeSet.Create(SampleStock.Generate(HomesEach * authorities, authorities, seed: 42));
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
    public double ArraysOnNetTopologySuiteTriangulation()
    {
        double total = 0;
        foreach (var points in _authorities)
        {
            var builder = new DelaunayTriangulationBuilder();
            builder.SetSites(points.Coordinates);
            total += LengthConcaveHull.Of(builder.GetSubdivision(), points.Coordinates, points.Factory, _options.FallbackHullEdgeMeters).Area;
        }

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
