using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Territories;

namespace PlaceKit.Benchmarks;

/// <summary>
/// Tracing every place's outline and the outline of all places together (<see cref="VoronoiOutlines.Trace"/>) in one
/// authority whose triangulation is already built, with and without the polygonizer's own validity test of every ring
/// (the outline is tested whole either way), for an authority of 3,300 homes (1M homes in 300 authorities) and of 75,000
/// (25M in 330).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class OutlineTraceBenchmarks
{
    private VoronoiOutlines _outlines = null!;
    private int[] _labels = null!;

    /// <summary>Homes in the authority.</summary>
    [Params(3_300, 75_000)]
    public int Homes { get; set; }

    /// <summary>Whether the polygonizer tests every ring (true: the way before).</summary>
    [Params(true, false)]
    public bool CheckRings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var homes = HomeSet.Create(SampleStock.Generate(Homes, 1, seed: 42));
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Seed = 42 }).Define(homes);
        var placeOf = plan.PlaceIndexOfHome.ToArray();
        var first = new Dictionary<Coordinate, int>();
        for (int i = 0; i < homes.Count; i++) first.TryAdd(new Coordinate(homes.XArray[i], homes.YArray[i]), placeOf[i]);
        var sites = first.Keys.Order().ToArray();
        var frame = new Envelope();
        foreach (var c in sites) frame.ExpandToInclude(c);
        frame.ExpandBy(250);
        var subdivision = GridQuadEdgeLocator.Triangulate(sites, frame);
        _outlines = new VoronoiOutlines(subdivision, null, [.. sites.Select(c => first[c])], new GeometryFactory(), anyPlace: true);
        _labels = [.. _outlines.Labels, VoronoiOutlines.AnyPlace];
    }

    [Benchmark]
    public int Trace()
    {
        int points = 0;
        foreach (int label in _labels) points += _outlines.Trace(label, CheckRings)?.NumPoints ?? 0;
        return points;
    }
}
