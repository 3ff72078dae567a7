using BenchmarkDotNet.Attributes;
using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Benchmarks;

/// <summary>
/// What one studio edit costs in territories, on the built-in 45,000-home, 25-authority sample: a move of one place's
/// first 50 homes into a neighbour place, then the edited plan's territories. Whole rebuild (before) against the
/// incremental build that redoes only the touched authority.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class EditTerritoriesBenchmarks
{
    private PlacePlan _plan = null!;
    private PlanEdit _move = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plan = PlaceDefiner.Create(new PlaceKitOptions()).Define(SampleStock.Sample());
        _ = _plan.Territories;
        var group = _plan.Places.GroupBy(p => p.Authority).First(g => g.Count() >= 2).ToArray();
        int from = _plan.Places.ToList().IndexOf(group[0]);
        var homes = _plan.HomesOf(from)[..50].ToArray().Select(i => _plan.Homes.Ids[i]).ToArray();
        _move = new PlanEdit(2, "move", homes, group[1].Id);
    }

    [Benchmark(Baseline = true)]
    public int WholeRebuild()
    {
        var edited = PlanEditor.Apply(_plan, [_move]);
        return _plan.Stages.Territories.Build(edited.Homes, edited.Places, edited.PlaceIndexOfHome, edited.Options.Territories).Places.Count;
    }

    [Benchmark]
    public int Incremental() => PlanEditor.Apply(_plan, [_move]).Territories.Places.Count;
}
