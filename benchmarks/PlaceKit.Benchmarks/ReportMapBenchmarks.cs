using BenchmarkDotNet.Attributes;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Benchmarks;

/// <summary>
/// The hot part of report.html: the home squares (grid search, sums, projection, encoding) and the outlines
/// (simplification to the vertex budget), on a generated plan of 200,000 homes in 80 authorities, two threads.
/// <c>Complete</c> uses the real limits (every home fits the 1 m grid, outlines at 2 m: the 1M case);
/// <c>Thinned</c> limits scaled down as in the 5M case (squares and outlines both over the limits, so the grid search
/// and the tolerance search run). Only internal calls that exist before and after issue 17's export slice, so the same
/// file measures both.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ReportMapBenchmarks
{
    private PlacePlan _plan = null!;

    [Params("Complete", "Thinned")]
    public string Limits { get; set; } = "Complete";

    private ReportMapLimits _limits = ReportMapLimits.Default;

    [GlobalSetup]
    public void Setup()
    {
        _plan = PlaceDefiner.Create(new PlaceKitOptions { MaxDegreeOfParallelism = 2, Clustering = { TargetSize = 450 } })
            .Define(HomeSet.Create(SampleStock.Generate(200_000, 80, 42)));
        _limits = Limits == "Complete" ? ReportMapLimits.Default : new ReportMapLimits(25_000, 15_000);
    }

    [Benchmark]
    public int Squares() => ReportMapData.Squares(_plan, _limits.MaxSquares).Bytes.Length;

    [Benchmark]
    public long Outlines() => ReportMapData.Outlines(_plan, _limits.MaxOutlineVertices).Vertices;
}
