using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Persistence;
using PlaceKit.Editing;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;
using static PlaceKit.Tests.Editing.EditingFixtures;
using PlaceKit.Trimming;

namespace PlaceKit.Tests.Editing;

public class PlanEditorTests
{
    private static readonly PlacePlan Plan = SmallPlan();

    private static string HomeOf(PlacePlan plan, string place, int nth = 0) => plan.Homes.Ids[plan.HomesOf(plan.Places.ToList().FindIndex(p => p.Id == place))[nth]];

    [Fact]
    public void Apply_Move_MovesHomeAndRescores()
    {
        var g = Plan.Places.GroupBy(p => p.Authority).First(x => x.Count() >= 2).ToArray();
        string home = HomeOf(Plan, g[0].Id);
        var edited = PlanEditor.Apply(Plan, Edits($"move,{home},{g[1].Id}"));
        Assert.True(edited.Homes.TryGetIndex(home, out int i));
        Assert.Equal(g[1].Id, edited.PlaceOf(i)!.Id);
        Assert.Equal(g[1].Homes + 1, edited.Places.Single(p => p.Id == g[1].Id).Homes);
        Assert.Equal(g[0].Homes - 1, edited.Places.Single(p => p.Id == g[0].Id).Homes);
        Assert.Single(edited.Edits);
        AssertInvariant(edited);
    }

    [Fact]
    public void Apply_MergeSplitCreateUnplace_KeepInvariantAndRecordHistory()
    {
        string pair = PlanFileTests.SameAuthorityPair(Plan);
        string[] ids = pair.Split(';');
        string p0 = Plan.Places[0].Id;
        string h1 = HomeOf(Plan, p0, 0), h2 = HomeOf(Plan, p0, 1);
        var edited = PlanEditor.Apply(Plan, Edits($"merge,{pair},", $"split,{ids[0]},3", $"create,{h1};{h2},Riverside", $"unplace,{HomeOf(Plan, p0, 2)},"));
        Assert.DoesNotContain(edited.Places, p => p.Id == ids[1]);
        Assert.Contains(edited.Places, p => p.Id == ids[0] + "-2");
        Assert.Contains(edited.Places, p => p.Id == ids[0] + "-3");
        Assert.Equal(2, edited.Places.Single(p => p.Id == "Riverside").Homes);
        Assert.Single(edited.Unplaced, u => u.Reasons[0].Rule == "unplaced-by-edit");
        Assert.Equal(4, edited.Edits.Count);
        Assert.Equal(Enumerable.Range(1, edited.Places.Count), edited.Places.Select(p => p.Rank));
        AssertInvariant(edited);
    }

    [Fact]
    public void Apply_Remove_HomesUnplacedWithReason()
    {
        var p = Plan.Places[3];
        var edited = PlanEditor.Apply(Plan, Edits($"remove,{p.Id},"));
        Assert.Equal(p.Homes, edited.Unplaced.Count(u => u.Reasons[0].Rule == "removed-by-edit"));
        Assert.Equal(Plan.Coverage.PlacedHomes - p.Homes, edited.Coverage.PlacedHomes);
        Assert.Equal(p.Homes, edited.Coverage.UnplacedByRule["removed-by-edit"]);
    }

    [Fact]
    public void Apply_BadEdits_ListsEveryProblemWithLineAndAppliesNothing()
    {
        var g = Plan.Places.GroupBy(p => p.Authority).Select(x => x.First()).Take(2).ToArray();
        string home = HomeOf(Plan, g[0].Id);
        var ex = Assert.Throws<PlanEditException>(() => PlanEditor.Apply(Plan, Edits(
            $"move,{home},{g[1].Id}",
            $"merge,{g[0].Id};{g[1].Id},",
            "move,NOPE,P1",
            "split,P1,1",
            $"create,{home},{g[1].Id}",
            "explode,P1,",
            "remove,,",
            $"merge,{g[0].Id};P999,")));
        var lines = ex.Problems.Select(p => p.Line).ToArray();
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], lines);
        Assert.Contains("a place never crosses an authority border", ex.Problems[0].Reason);
        Assert.Contains("places of different authorities cannot merge", ex.Problems[1].Reason);
        Assert.Contains("unknown home id 'NOPE'", ex.Problems[2].Reason);
        Assert.Contains("split count must be at least 2, was 1", ex.Problems[3].Reason);
        Assert.Contains("already exists", ex.Problems[4].Reason);
        Assert.Contains("unknown action 'explode'", ex.Problems[5].Reason);
        Assert.Contains("no targets", ex.Problems[6].Reason);
        Assert.Contains("unknown place id 'P999'", ex.Problems[7].Reason);
        Assert.Contains("line 2", ex.Message);
    }

    [Fact]
    public void Apply_EditsCheckedAgainstStateAfterEarlierEdits()
    {
        string pair = PlanFileTests.SameAuthorityPair(Plan);
        var ex = Assert.Throws<PlanEditException>(() => PlanEditor.Apply(Plan, Edits($"merge,{pair},", $"remove,{pair.Split(';')[1]},")));
        Assert.Equal(3, Assert.Single(ex.Problems).Line);
        Assert.Contains("no longer exists", ex.Problems[0].Reason);
    }

    [Fact]
    public void Apply_SplitMoreThanHomes_Rejected()
    {
        var p = Plan.Places[0];
        var ex = Assert.Throws<PlanEditException>(() => PlanEditor.Apply(Plan, Edits($"split,{p.Id},{p.Homes + 1}")));
        Assert.Contains($"is more than the {p.Homes} homes", ex.Problems[0].Reason);
    }

    [Fact]
    public void Apply_MoveUnplacedHome_PlacesIt()
    {
        var u = Plan.Unplaced.First();
        var target = Plan.Places.First(p => p.Authority == u.Authority);
        var edited = PlanEditor.Apply(Plan, Edits($"move,{u.HomeId},{target.Id}"));
        Assert.Equal(target.Id, edited.PlaceOf(u.Index)!.Id);
        Assert.Equal(Plan.Unplaced.Count - 1, edited.Unplaced.Count);
    }

    [Property(MaxTest = 40)]
    public Property EmptyEdits_IsIdentity(PositiveInt seed)
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Seed = seed.Get, Clustering = { TargetSize = 40 } })
            .Define(PlaceKit.Homes.HomeSet.Create(PlaceKit.Homes.SampleStock.Generate(400, 3, seed.Get)));
        var same = PlanEditor.Apply(plan, []);
        return (PlaceIds(plan).SequenceEqual(PlaceIds(same))
            && plan.ClusterOfHome.SequenceEqual(same.ClusterOfHome)
            && plan.Places.Select(p => (p.Id, p.Rank, p.Tightness)).SequenceEqual(same.Places.Select(p => (p.Id, p.Rank, p.Tightness)))
            && plan.Unplaced.Select(x => x.ReasonText).SequenceEqual(same.Unplaced.Select(x => x.ReasonText))
            && plan.Coverage.PlacedHomes == same.Coverage.PlacedHomes).ToProperty();
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Stocks)])]
    public Property Apply_OneAtATime_GivesTheSamePlanAsAllAtOnce(TestStock stock, int editSeed)
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Seed = stock.Seed, Clustering = { TargetSize = stock.TargetSize }, Trimming = { MinHomes = 1, MaxSpreadMeters = 1e6 } })
            .Define(stock.ToHomeSet());
        var edits = RandomEdits(plan, new Random(editSeed));
        if (PlanEditor.Validate(plan, edits).Count > 0) return true.Classify(true, "rejected");
        var once = PlanEditor.Apply(plan, edits);
        var stepwise = plan;
        foreach (var e in edits) stepwise = PlanEditor.Apply(PlanFile.Load(Saved(stepwise)), [e]);
        return (PlaceIds(once).SequenceEqual(PlaceIds(stepwise))
            && once.ClusterOfHome.SequenceEqual(stepwise.ClusterOfHome)
            && once.Unplaced.Select(u => u.ReasonText).SequenceEqual(stepwise.Unplaced.Select(u => u.ReasonText))
            && once.Edits.SequenceEqual(stepwise.Edits)).Label("stepwise (through plan.json) = all at once").Classify(true, "applied");
    }

    private static MemoryStream Saved(PlacePlan plan)
    {
        var s = new MemoryStream();
        PlanFile.Save(plan, s);
        s.Position = 0;
        return s;
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Stocks)])]
    public Property RandomEdits_NeverLoseAHomeNorCrossAnAuthority(TestStock stock, int editSeed)
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Seed = stock.Seed, Clustering = { TargetSize = stock.TargetSize }, Trimming = { MinHomes = 1, MaxSpreadMeters = 1e6 } })
            .Define(stock.ToHomeSet());
        var edits = RandomEdits(plan, new Random(editSeed));
        var problems = PlanEditor.Validate(plan, edits);
        if (problems.Count > 0)
        {
            // A rejected file leaves the plan untouched (plans are immutable; Apply throws).
            var before = PlaceIds(plan);
            int editsBefore = plan.Edits.Count;
            var ex = Record.Exception(() => PlanEditor.Apply(plan, edits));
            return (ex is PlanEditException pe && pe.Problems.Count == problems.Count && before.SequenceEqual(PlaceIds(plan)) && plan.Edits.Count == editsBefore)
                .Label("rejected file must throw with every problem and leave the plan as it was").Classify(true, "rejected");
        }

        var edited = PlanEditor.Apply(plan, edits);
        AssertInvariant(edited);
        return (edited.Homes.Count == plan.Homes.Count && edited.Edits.Count == edits.Count).Classify(true, "applied");
    }

    /// <summary>A move that is valid on the original plan (a home into a place of its own authority), when one exists.</summary>
    private static PlanEdit? MoveWithinAuthority(PlacePlan plan, Random rng, int line)
    {
        if (plan.Places.Count == 0) return null;
        var place = plan.Places[rng.Next(plan.Places.Count)];
        var candidates = Enumerable.Range(0, plan.Homes.Count).Where(i => plan.Homes.Authorities[plan.Homes.AuthorityIndex[i]] == place.Authority).ToArray();
        return new PlanEdit(line, "move", [plan.Homes.Ids[candidates[rng.Next(candidates.Length)]]], place.Id);
    }

    private static List<PlanEdit> RandomEdits(PlacePlan plan, Random rng)
    {
        var edits = new List<PlanEdit>();
        int n = plan.Homes.Count;
        string Home() => plan.Homes.Ids[rng.Next(n)];
        string Place() => plan.Places.Count == 0 ? "P1" : plan.Places[rng.Next(plan.Places.Count)].Id;
        for (int e = 0; e < rng.Next(1, 6); e++)
        {
            int line = e + 2;
            edits.Add(rng.Next(7) switch
            {
                0 => MoveWithinAuthority(plan, rng, line) ?? new PlanEdit(line, "move", [Home(), Home()], Place()),
                1 => new PlanEdit(line, "merge", [Place(), Place()], ""),
                2 => new PlanEdit(line, "split", [Place()], rng.Next(1, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                3 => new PlanEdit(line, "remove", [Place()], ""),
                4 => new PlanEdit(line, "create", [Home()], "New" + e),
                5 => new PlanEdit(line, "unplace", [Home(), Home()], ""),
                _ => MoveWithinAuthority(plan, rng, line) ?? new PlanEdit(line, "unplace", [Home()], ""),
            });
        }

        return edits;
    }
}
