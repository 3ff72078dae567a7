using PlaceKit.Trimming;
using PlaceKit.Persistence;
using PlaceKit.Editing;
using PlaceKit.Planning;
using PlaceKit.Studio.Tests.Support;

namespace PlaceKit.Studio.Tests;

public sealed class PlaceStudioTests
{
    private static (Place From, Place To, Place Other) ThreePlaces(PlacePlan plan)
    {
        var from = plan.Places.GroupBy(p => p.Authority).First(g => g.Count() >= 2).OrderByDescending(p => p.Homes).ToArray();
        var other = plan.Places.First(p => p.Authority != from[0].Authority);
        return (from[0], from[1], other);
    }

    [Fact]
    public void Apply_Move_UsesTheEditorAndRecordsAuthorTimeAndLine()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 1, 14, 5, 7, 250, TimeSpan.FromHours(1)));
        var studio = PlaceStudio.Open(SamplePlan.SaveToTemp(), new PlaceStudioOptions { TimeProvider = clock });
        var (from, to, _) = ThreePlaces(studio.Plan);
        var homes = Ids(studio.Plan, from).Take(40).ToArray();

        var problems = studio.Apply("move", homes, to.Id, "  Jo Bloggs ");

        Assert.Empty(problems);
        var expected = PlanEditor.Apply(studio.Opened, [new PlanEdit(2, "move", homes, to.Id)]);
        Assert.Equal(SamplePlan.PlaceIds(expected), SamplePlan.PlaceIds(studio.Plan));
        var edit = Assert.Single(studio.Plan.Edits);
        Assert.Equal(2, edit.Line);
        Assert.Equal("Jo Bloggs", edit.Author);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 13, 5, 7, TimeSpan.Zero), edit.Time);
        Assert.True(studio.HasUnsavedEdits);
        Assert.Equal(1, studio.Version);
    }

    [Fact]
    public void Apply_AcrossAuthorities_RefusedWithTheEditorsReasonAndNothingChanges()
    {
        var studio = PlaceStudio.Open(SamplePlan.SaveToTemp());
        var (from, _, other) = ThreePlaces(studio.Plan);
        var homes = Ids(studio.Plan, from).Take(3).ToArray();

        var problems = studio.Apply("move", homes, other.Id, "Jo");

        var expected = PlanEditor.Validate(studio.Opened, [new PlanEdit(2, "move", homes, other.Id)]);
        Assert.Equal(expected.Select(p => p.Reason), problems.Select(p => p.Reason));
        Assert.Contains("a place never crosses an authority border", problems[0].Reason, StringComparison.Ordinal);
        Assert.Same(studio.Opened, studio.Plan);
        Assert.False(studio.HasUnsavedEdits);
        Assert.False(studio.CanUndo);
    }

    [Fact]
    public void UndoRedo_StepThroughPlans_AndANewEditClearsRedo()
    {
        var studio = PlaceStudio.Open(SamplePlan.SaveToTemp());
        var (from, to, _) = ThreePlaces(studio.Plan);
        Assert.Empty(studio.Apply("move", Ids(studio.Plan, from).Take(10).ToArray(), to.Id, "Jo"));
        var afterFirst = studio.Plan;
        Assert.Empty(studio.Apply("split", [to.Id], "2", "Jo"));

        Assert.True(studio.Undo());
        Assert.Same(afterFirst, studio.Plan);
        Assert.True(studio.Undo());
        Assert.Same(studio.Opened, studio.Plan);
        Assert.False(studio.Undo());
        Assert.False(studio.HasUnsavedEdits);
        Assert.True(studio.Redo());
        Assert.Same(afterFirst, studio.Plan);
        Assert.Empty(studio.Apply("remove", [from.Id], "", "Jo"));
        Assert.False(studio.CanRedo);
        Assert.Equal(2, studio.Plan.Edits.Count);
        Assert.Equal([2, 3], studio.Plan.Edits.Select(e => e.Line));
    }

    [Fact]
    public void Save_WritesOutputsAndEditsThatAdjustReplaysExactly()
    {
        string planPath = SamplePlan.SaveToTemp();
        var studio = PlaceStudio.Open(planPath);
        var (from, to, _) = ThreePlaces(studio.Plan);
        Assert.Empty(studio.Apply("move", Ids(studio.Plan, from).Take(25).ToArray(), to.Id, "Jo"));
        Assert.Empty(studio.Apply("unplace", Ids(studio.Plan, to).Take(5).ToArray(), "", "Sam, from the \"east\" team"));
        Assert.Empty(studio.Apply("create", Ids(studio.Plan, from).Take(30).ToArray(), "Riverside, North", "Jo"));
        Assert.Empty(studio.Apply("split", [to.Id], "3", "Jo"));

        var files = studio.Save();

        string dir = studio.OutputDirectory!;
        Assert.Equal(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(planPath))!, "jan-edited"), dir);
        Assert.Contains(Path.Combine(dir, "plan.json"), files);
        Assert.Contains(Path.Combine(dir, "edits.csv"), files);
        Assert.Contains(Path.Combine(dir, "changes.csv"), files);
        Assert.False(studio.HasUnsavedEdits);
        var saved = PlanFile.Load(Path.Combine(dir, "plan.json"));
        Assert.Equal(SamplePlan.PlaceIds(studio.Plan), SamplePlan.PlaceIds(saved));
        Assert.Equal(["Jo", "Sam, from the \"east\" team", "Jo", "Jo"], saved.Edits.Select(e => e.Author));

        string replay = Path.Combine(Path.GetDirectoryName(dir)!, "replay");
        var (code, _, err) = SamplePlan.Cli("adjust", planPath, Path.Combine(dir, "edits.csv"), "--out", replay);
        Assert.True(code == 0, err);
        var replayed = PlanFile.Load(Path.Combine(replay, "plan.json"));
        Assert.Equal(SamplePlan.PlaceIds(saved), SamplePlan.PlaceIds(replayed));
        Assert.Equal(saved.ClusterOfHome.ToArray(), replayed.ClusterOfHome.ToArray());
        Assert.Equal(saved.Edits, replayed.Edits);
        Assert.Equal(saved.Edits.Select(e => (e.Author, e.Time)), replayed.Edits.Select(e => (e.Author, e.Time)));
        Assert.Equal(saved.Unplaced.Select(u => u.ReasonText), replayed.Unplaced.Select(u => u.ReasonText));
    }

    [Fact]
    public void Save_AgainAfterReopeningTheEditedPlan_KeepsTheWholeHistoryReplayableFromTheDefinedPlan()
    {
        string planPath = SamplePlan.SaveToTemp();
        var first = PlaceStudio.Open(planPath);
        var (from, to, _) = ThreePlaces(first.Plan);
        Assert.Empty(first.Apply("move", Ids(first.Plan, from).Take(12).ToArray(), to.Id, "Jo"));
        first.Save();

        var second = PlaceStudio.Open(Path.Combine(first.OutputDirectory!, "plan.json"));
        Assert.Equal(first.OutputDirectory, second.OutputDirectory); // an edited plan saves in place
        Assert.Empty(second.Apply("remove", [to.Id], "", "Sam"));
        second.Save();

        string replay = Path.Combine(Path.GetDirectoryName(first.OutputDirectory!)!, "replay2");
        var (code, _, err) = SamplePlan.Cli("adjust", planPath, Path.Combine(second.OutputDirectory!, "edits.csv"), "--out", replay);
        Assert.True(code == 0, err);
        Assert.Equal(SamplePlan.PlaceIds(second.Plan), SamplePlan.PlaceIds(PlanFile.Load(Path.Combine(replay, "plan.json"))));
    }

    [Fact]
    public void Save_WhenThePlanFileChangedOnDisk_IsRefusedAndWritesNothing()
    {
        string planPath = SamplePlan.SaveToTemp();
        var studio = PlaceStudio.Open(planPath);
        var (from, to, _) = ThreePlaces(studio.Plan);
        Assert.Empty(studio.Apply("move", Ids(studio.Plan, from).Take(5).ToArray(), to.Id, "Jo"));
        File.AppendAllText(planPath, " ");

        var ex = Assert.Throws<StudioSaveException>(() => studio.Save());

        Assert.Contains("changed on disk", ex.Message, StringComparison.Ordinal);
        Assert.Contains(planPath, ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(studio.OutputDirectory));
        Assert.True(studio.HasUnsavedEdits);
    }

    [Fact]
    public void Save_WhenTheSavedPlanWasOverwrittenByAnother_IsRefused()
    {
        string planPath = SamplePlan.SaveToTemp();
        var studio = PlaceStudio.Open(planPath);
        var (from, to, _) = ThreePlaces(studio.Plan);
        Assert.Empty(studio.Apply("move", Ids(studio.Plan, from).Take(5).ToArray(), to.Id, "Jo"));
        studio.Save();
        string saved = Path.Combine(studio.OutputDirectory!, "plan.json");
        var other = PlaceStudio.Open(planPath);
        Assert.Empty(other.Apply("remove", [from.Id], "", "Sam"));
        other.Save();   // a second studio on the same plan saves over the first one's output

        Assert.Empty(studio.Apply("remove", [to.Id], "", "Jo"));
        var ex = Assert.Throws<StudioSaveException>(() => studio.Save());

        Assert.Contains(saved, ex.Message, StringComparison.Ordinal);
        Assert.Equal("Sam", PlanFile.Load(saved).Edits.Single().Author);
    }

    [Fact]
    public void Save_IntoAFolderOfSomeoneElsesFiles_IsRefused()
    {
        string planPath = SamplePlan.SaveToTemp();
        string theirs = Path.Combine(Path.GetDirectoryName(planPath)!, "..", "theirs");
        Directory.CreateDirectory(theirs);
        File.WriteAllText(Path.Combine(theirs, "notes.txt"), "keep");
        var studio = PlaceStudio.Open(planPath, new PlaceStudioOptions { OutputDirectory = theirs });

        var ex = Assert.Throws<StudioSaveException>(() => studio.Save());

        Assert.Contains("PlaceKit did not write", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFiles(theirs).Select(Path.GetFileName));
    }

    [Fact]
    public void Apply_NameWithLineBreak_IsRefused()
    {
        var studio = PlaceStudio.Open(SamplePlan.SaveToTemp());
        var (from, _, _) = ThreePlaces(studio.Plan);
        var problems = studio.Apply("create", Ids(studio.Plan, from).Take(2).ToArray(), "River\nside", "Jo");
        Assert.Contains("line break", Assert.Single(problems).Reason, StringComparison.Ordinal);
        Assert.Empty(studio.Plan.Edits);
    }

    [Fact]
    public void ChangedPlaces_NamesExactlyThePlacesWhoseHomesChanged()
    {
        var plan = SamplePlan.Get();
        var (from, to, other) = ThreePlaces(plan);
        var after = PlanEditor.Apply(plan, [new PlanEdit(2, "move", Ids(plan, from).Take(7).ToArray(), to.Id)]);
        Assert.Equal(new[] { from.Id, to.Id }.Order(StringComparer.Ordinal), PlaceStudioEndpoints.ChangedPlaces(plan, after));
        Assert.Empty(PlaceStudioEndpoints.ChangedPlaces(plan, plan));
        var removed = PlanEditor.Apply(plan, [new PlanEdit(2, "remove", [other.Id], "")]);
        Assert.Equal([other.Id], PlaceStudioEndpoints.ChangedPlaces(plan, removed));
    }

    [Fact]
    public void Lock_RefusesEditsOfThePlace_ShowsItInTheState_SavesAndReRunsKeepIt()
    {
        string planPath = SamplePlan.SaveToTemp();
        var studio = PlaceStudio.Open(planPath);
        var (from, to, _) = ThreePlaces(studio.Plan);
        Assert.Empty(studio.Apply("lock", [to.Id], "", "Jo"));
        Assert.True(studio.Plan.GetPlace(to.Id).Locked);
        Assert.Equal([to.Id], PlaceStudioEndpoints.ChangedPlaces(studio.Opened, studio.Plan)); // a lock moves no home but changes the place

        var refused = studio.Apply("move", Ids(studio.Plan, from).Take(5).ToArray(), to.Id, "Jo");
        Assert.Equal($"place '{to.Id}' is locked: move would change it; unlock it first (unlock,{to.Id},)", Assert.Single(refused).Reason);
        Assert.Single(studio.Plan.Edits);

        using (var buffer = new MemoryStream())
        {
            using (var w = new System.Text.Json.Utf8JsonWriter(buffer)) studio.View.WriteState(w, studio, studio.Plan, studio.Version);
            using var state = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
            var places = state.RootElement.GetProperty("places").EnumerateArray().ToArray();
            Assert.True(places.Single(p => p.GetProperty("id").GetString() == to.Id).GetProperty("locked").GetBoolean());
            Assert.All(places.Where(p => p.GetProperty("id").GetString() != to.Id), p => Assert.False(p.TryGetProperty("locked", out _)));
        }

        studio.Save();
        var saved = PlanFile.Load(Path.Combine(studio.OutputDirectory!, "plan.json"));
        Assert.True(saved.GetPlace(to.Id).Locked);
        var rerun = PlanRerun.Define(saved.Homes, saved);
        Assert.True(rerun.Plan.GetPlace(to.Id).Locked);
        Assert.Equal(Ids(saved, saved.GetPlace(to.Id)).Order(), Ids(rerun.Plan, rerun.Plan.GetPlace(to.Id)).Order());

        // Reopened in the studio, the lock holds; unlocking frees the place again.
        var again = PlaceStudio.Open(Path.Combine(studio.OutputDirectory!, "plan.json"));
        Assert.Single(again.Apply("remove", [to.Id], "", "Sam"));
        Assert.Empty(again.Apply("unlock", [to.Id], "", "Sam"));
        Assert.Empty(again.Apply("remove", [to.Id], "", "Sam"));
    }

    [Fact]
    public void DefaultOutputDirectory_IsASiblingFolderForADefinedPlanAndInPlaceForAnEditedOne()
    {
        var plan = SamplePlan.Get();
        string path = Path.Combine(Path.GetTempPath(), "a", "jan", "plan.json");
        Assert.Equal(Path.Combine(Path.GetTempPath(), "a", "jan-edited"), PlaceStudio.DefaultOutputDirectory(path, plan));
        var edited = PlanEditor.Apply(plan, [new PlanEdit(2, "remove", [plan.Places[0].Id], "")]);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "a", "jan"), PlaceStudio.DefaultOutputDirectory(path, edited));
    }

    private static IEnumerable<string> Ids(PlacePlan plan, Place place)
    {
        int index = plan.Places.ToList().FindIndex(p => p.Id == place.Id);
        foreach (int i in plan.HomesOf(index).ToArray()) yield return plan.Homes.Ids[i];
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
