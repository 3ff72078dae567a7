using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using PlaceKit.Homes;
using PlaceKit.Territories;

namespace PlaceKit.Benchmarks;

/// <summary>
/// The fallback areas (concave hull of each authority's distinct locations, buffered) of a generated stock of 200,000
/// homes in 60 authorities (about 3,300 homes each, as at 1M homes in 300 authorities): hulls over every location
/// (the threshold before 27 November 2026, 20,000) against hulls over the thinned locations (the current threshold).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class FallbackAreaBenchmarks
{
    private readonly TerritoryOptions _options = new();
    private Coordinate[][] _authorities = null!;

    /// <summary>Authorities with more distinct locations than this are thinned before the hull.</summary>
    [Params(20_000, VoronoiTerritoryBuilder.ThinHullAbove)]
    public int ThinAbove { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var homes = HomeSet.Create(SampleStock.Generate(200_000, 60, seed: 42));
        _authorities = [.. Enumerable.Range(0, homes.Authorities.Count).Select(a => Enumerable.Range(0, homes.Count)
            .Where(i => homes.AuthorityIndex[i] == a).Select(i => new Coordinate(homes.XArray[i], homes.YArray[i])).Distinct().Order().ToArray())];
    }

    [Benchmark]
    public double FallbackAreas()
    {
        double total = 0;
        foreach (var sites in _authorities) total += VoronoiTerritoryBuilder.FallbackArea(sites, _options, ThinAbove).Area;
        return total;
    }
}
