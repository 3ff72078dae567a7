using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.Persistence;
using PlaceKit.Planning;

namespace PlaceKit.Tests.Editing;

/// <summary>Re-runs carry an edit over to what is left of its targets, and name what is gone.</summary>
public class PartialEditTests
{
    [Fact]
    public void Rerun_MoveWhoseTargetsPartlyLeftTheStock_AppliesToTheRest_AndNamesTheMissingIds()
    {
        var all = SampleStock.Generate(6_000, 3, 17);
        var old = HomeSet.Create(all);
        var previous = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 300 }, Trimming = { MinHomes = 100 } }).Define(old);
        var target = previous.Places[0];
        var movers = Enumerable.Range(0, old.Count)
            .Where(i => old.Authorities[old.AuthorityIndex[i]] == target.Authority && previous.PlaceOf(i)?.Id != target.Id)
            .Take(5).Select(i => old.Ids[i]).ToArray();
        Assert.Equal(5, movers.Length);
        var gone = all.Where(h => h.Id != movers[0] && h.Id != movers[1]).ToArray();
        var edited = PlanEditor.Apply(previous,
        [
            new PlanEdit(2, "move", movers, target.Id),
            new PlanEdit(3, "unplace", [movers[0], movers[1]], ""),
        ]);

        var result = PlanRerun.Define(HomeSet.Create(gone), edited);
        var partly = Assert.Single(result.PartlyAppliedEdits);
        Assert.Equal(2, partly.Line);
        Assert.Contains($"gone from the stock or plan: {movers[0]}, {movers[1]}", partly.Reason);
        Assert.Equal(2, result.SkippedEdits.Count);   // nothing of the unplace is left: skipped, one problem per missing home
        Assert.All(result.SkippedEdits, s => Assert.Equal(3, s.Line));
        foreach (var id in movers.Skip(2))
        {
            Assert.True(result.Plan.Homes.TryGetIndex(id, out int i));
            Assert.Equal(target.Id, result.Plan.PlaceOf(i)?.Id);
        }

        // The history keeps what was applied: the move with its remaining three homes.
        var carried = result.Plan.Edits.Single(e => e.Line == 2 && e.Action == "move");
        Assert.Equal(movers.Skip(2), carried.Targets);
    }

    [Fact]
    public void Cli_Rerun_PrintsPartlyAppliedEdits()
    {
        var all = SampleStock.Generate(3_000, 2, 5);
        string dir = Path.Combine(Path.GetTempPath(), "pk-partial-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var previous = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 300 }, Trimming = { MinHomes = 100 } }).Define(HomeSet.Create(all));
            var p = previous.Places[0];
            var movers = Enumerable.Range(0, previous.Homes.Count)
                .Where(i => previous.Homes.Authorities[previous.Homes.AuthorityIndex[i]] == p.Authority && previous.PlaceOf(i)?.Id != p.Id)
                .Take(3).Select(i => previous.Homes.Ids[i]).ToArray();
            var edited = PlanEditor.Apply(previous, [new PlanEdit(2, "move", movers, p.Id)]);
            string planPath = Path.Combine(dir, "plan.json");
            PlanFile.Save(edited, planPath);
            string csv = Path.Combine(dir, "homes.csv");
            using (var w = new StreamWriter(csv)) HomeCsv.Write(all.Where(h => h.Id != movers[0]).ToArray(), w);
            var (code, output, err) = Support.CliRunner.Run("define", csv, "--previous", planPath, "--out", Path.Combine(dir, "out"));
            Assert.True(code == 0, err);
            Assert.Contains($"Partly applied edit line 2 (move,", output);
            Assert.Contains($"gone from the stock or plan: {movers[0]}", output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
