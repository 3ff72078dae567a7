using BenchmarkDotNet.Attributes;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Benchmarks;

/// <summary>
/// places.gpkg on a generated plan of 200,000 homes in 80 authorities (SampleStock): the whole writer (territories,
/// footprints and the homes layer, which is most of it), to a stream that only counts. Uses only the public writer, so
/// the same file measures a build before and after issue 17's GeoPackage slice.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class GeoPackageBenchmarks
{
    private PlacePlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plan = PlaceDefiner.Create(new PlaceKitOptions { MaxDegreeOfParallelism = 2, Clustering = { TargetSize = 450 } })
            .Define(HomeSet.Create(SampleStock.Generate(200_000, 80, 42)));
        _ = _plan.Territories;
    }

    [Benchmark]
    public long WriteGeoPackage()
    {
        using var stream = new CountingStream();
        PlacesGeoPackage.Write(_plan, stream);
        return stream.Length;
    }
}
