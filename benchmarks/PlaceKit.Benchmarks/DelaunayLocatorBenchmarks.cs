using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;
using PlaceKit.Homes;
using PlaceKit.Territories;

namespace PlaceKit.Benchmarks;

/// <summary>
/// The Delaunay triangulation under one authority's Voronoi cells: NetTopologySuite's <c>VoronoiDiagramBuilder</c>
/// (walks from the previous site) against the same triangulation walking from a nearby edge
/// (<c>GridQuadEdgeLocator</c>), for an authority of 3,300 homes (1M homes in 300 authorities) and of 76,000 (25M in 330).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DelaunayLocatorBenchmarks
{
    private Coordinate[] _sites = null!;
    private Envelope _frame = null!;

    /// <summary>Homes in the authority.</summary>
    [Params(3_300, 76_000)]
    public int Homes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var homes = HomeSet.Create(SampleStock.Generate(Homes, 1, seed: 42));
        _sites = [.. Enumerable.Range(0, homes.Count).Select(i => new Coordinate(homes.XArray[i], homes.YArray[i])).Distinct().Order()];
        _frame = new Envelope();
        foreach (var c in _sites) _frame.ExpandToInclude(c);
        _frame.ExpandBy(250);
    }

    [Benchmark(Baseline = true)]
    public int LastFound()
    {
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = _frame };
        builder.SetSites(_sites);
        return builder.GetSubdivision().GetEdges().Count;
    }

    [Benchmark]
    public int Grid() => GridQuadEdgeLocator.Triangulate(_sites, _frame).GetEdges().Count;
}
