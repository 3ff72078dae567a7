using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.Planning;
using static PlaceKit.Tests.Editing.EditingFixtures;

namespace PlaceKit.Tests.Editing;

public class PlanDiffTests
{
    [Fact]
    public void Compare_AfterRemoveAndMerge_ListsWhatChanged()
    {
        var plan = SmallPlan();
        string pair = PlanFileTests.SameAuthorityPair(plan);
        string[] ids = pair.Split(';');
        var removed = plan.Places[0];
        var edited = PlanEditor.Apply(plan, Edits($"remove,{removed.Id},", $"merge,{pair},"));
        var diff = PlanDiff.Compare(plan, edited);
        int mergedHomes = plan.Places.Single(p => p.Id == ids[1]).Homes;
        Assert.Equal(removed.Homes + mergedHomes, diff.MovedHomes.Count);
        Assert.Equal(removed.Homes, diff.MovedHomes.Count(m => m.From == removed.Id && m.To is null));
        Assert.Equal(mergedHomes, diff.MovedHomes.Count(m => m.From == ids[1] && m.To == ids[0]));
        Assert.Equal(new[] { removed.Id, ids[1] }.Order(StringComparer.Ordinal), diff.PlacesGone);
        Assert.Empty(diff.PlacesCreated);
        var resized = Assert.Single(diff.PlacesResized);
        Assert.Equal(ids[0], resized.PlaceId);
        Assert.Equal(plan.Homes.Count, diff.UnchangedHomes);
        Assert.Equal(plan.Homes.Count - removed.Homes - mergedHomes, diff.UnchangedHomesKeptPlace);
        Assert.Equal(plan.Coverage.PlacedHomes - removed.Homes, diff.CoverageAfter.PlacedHomes);

        var csv = new StringWriter();
        diff.WriteCsv(csv);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("change,id,from,to,homes_before,homes_after", lines[0].TrimEnd('\r'));
        Assert.Equal(1 + diff.MovedHomes.Count + 2 + 1, lines.Length);
        Assert.Contains(lines, l => l.TrimEnd('\r') == $"place-resized,{ids[0]},,,{resized.Before},{resized.After}");
    }

    [Fact]
    public void Compare_HomesAddedAndGone_CountedNotUnchanged()
    {
        var all = SampleStock.Generate(500, 2, 1);
        var options = new PlaceKitOptions { Clustering = { TargetSize = 50 } };
        var a = PlaceDefiner.Create(options).Define(HomeSet.Create(all.Skip(10)));
        var b = PlaceDefiner.Create(options).Define(HomeSet.Create(all.Take(490)));
        var diff = PlanDiff.Compare(a, b);
        Assert.Equal(10, diff.AddedHomes.Count);
        Assert.Equal(10, diff.RemovedHomes.Count);
        Assert.Equal(480, diff.UnchangedHomes);
    }
}
