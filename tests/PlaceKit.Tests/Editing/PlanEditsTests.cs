using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Tests.Editing;

public class PlanEditsTests
{
    [Fact]
    public void Read_SpreadsheetCsv_TrimsSplitsAndKeepsLines()
    {
        var edits = PlanEdits.Read(new StringReader("Action , Targets,Argument,comment\r\n\r\nMOVE,\" H1 ; H2;;\",P12,from Jo\r\nmerge,P12;P13,\r\n"));
        Assert.Equal(2, edits.Count);
        Assert.Equal(new PlanEdit(3, "move", ["H1", "H2"], "P12"), edits[0]);
        Assert.Equal(4, edits[1].Line);
        Assert.Equal(["P12", "P13"], edits[1].Targets);
        Assert.Equal("", edits[1].Argument);
    }

    [Fact]
    public void Read_MissingColumn_ThrowsNamingIt()
    {
        var ex = Assert.Throws<PlanEditException>(() => PlanEdits.Read(new StringReader("action,target\nmove,H1\n")));
        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains("no 'targets' column", ex.Problems[0].Reason);
        Assert.Contains("no 'argument' column", ex.Problems[1].Reason);
    }

    [Fact]
    public void Read_Empty_Throws()
    {
        var ex = Assert.Throws<PlanEditException>(() => PlanEdits.Read(new StringReader("")));
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void Read_ExtraFields_AreRefusedNamingTheLine()
    {
        var ex = Assert.Throws<PlanEditException>(() => PlanEdits.Read(new StringReader("action,targets,argument\nmerge,P2;P3,,extra\nremove,P4,,junk,more\n")));
        Assert.Equal([2, 3], ex.Problems.Select(p => p.Line));
        Assert.All(ex.Problems, p => Assert.Contains("fields but the header has 3", p.Reason));
    }

    [Fact]
    public void Apply_AnArgumentTheActionIgnores_IsRefused()
    {
        var plan = EditingFixtures.SmallPlan();
        foreach (var row in new[] { $"merge,{plan.Places[0].Id};{plan.Places[1].Id},extra", $"remove,{plan.Places[0].Id},junk", $"unplace,{plan.Homes.Ids[0]},why" })
        {
            var ex = Assert.Throws<PlanEditException>(() => PlanEditor.Apply(plan, EditingFixtures.Edits(row)));
            Assert.Contains("takes no argument", Assert.Single(ex.Problems).Reason);
        }
    }

    [Theory]
    [InlineData("action;targets;argument\nmove;\"H1;H2\";P3\nremove;P4;\n")]
    [InlineData("action\ttargets\targument\nmove\tH1;H2\tP3\nremove\tP4\t\n")]
    public void Read_SemicolonOrTabDelimited_LikeTheHomesReader(string text)
    {
        var edits = PlanEdits.Read(new StringReader(text));
        Assert.Equal(["H1", "H2"], edits[0].Targets);
        Assert.Equal("P3", edits[0].Argument);
        Assert.Equal("remove", edits[1].Action);
    }

    [Fact]
    public void AnIdHoldingASemicolon_CanBeEdited()
    {
        var homes = SampleStock.Generate(600, 2, 3).Select((h, i) => i == 0 ? h with { Id = "A;1" } : i == 1 ? h with { Id = "B\\" } : h).ToList();
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 100 }, Trimming = { MaxSpreadMeters = 1e6, MinHomes = 1 } }).Define(HomeSet.Create(homes));
        var target = plan.Places.First(p => p.Authority == homes[0].Authority && p.Id != plan.PlaceOf(0)?.Id);
        var edits = PlanEdits.Read(new StringReader($"action,targets,argument\nmove,{PlanEdits.JoinTargets(["A;1"])},{target.Id}\n"));
        Assert.Equal(["A;1"], edits[0].Targets);
        Assert.Equal("move,A\\;1," + target.Id, edits[0].ToString());
        var edited = PlanEditor.Apply(plan, edits);
        Assert.Equal(target.Id, edited.PlaceOf(0)?.Id);
    }

    private static Arbitrary<string[]> IdLists() =>
        Gen.ArrayOf(
            from chars in Gen.ArrayOf(Gen.Elements('a', 'Z', '1', ';', '\\', ' ', '=', '\'', '-', '@', ','))
            let s = new string(chars).Trim()
            where s.Length > 0
            select s).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property SplitTargets_OfJoinTargets_GivesTheIdsBack() =>
        Prop.ForAll(IdLists(), ids => PlanEdits.SplitTargets(PlanEdits.JoinTargets(ids)).SequenceEqual(ids));

    [Fact]
    public void Write_ThenRead_GivesTheSameEditsLinesAuthorsAndTimes()
    {
        var time = new DateTimeOffset(2026, 3, 1, 14, 5, 7, TimeSpan.Zero);
        PlanEdit[] edits =
        [
            new(2, "move", ["H1", "H,2"], "P12") { Author = "Jo \"JB\" Bloggs", Time = time },
            new(3, "create", ["H3"], "Riverside, North") { Author = "Sam" },
            new(4, "merge", ["P1", "P2"], ""),
        ];
        var w = new StringWriter();
        PlanEdits.Write(edits, w);
        Assert.StartsWith("action,targets,argument,author,time", w.ToString(), StringComparison.Ordinal);
        var read = PlanEdits.Read(new StringReader(w.ToString()));
        Assert.Equal(edits, read);
        Assert.Equal(edits.Select(e => (e.Author, e.Time)), read.Select(e => (e.Author, e.Time)));
    }

    [Fact]
    public void Write_IdWithSemicolon_ReadsBack()
    {
        var w = new StringWriter();
        PlanEdits.Write([new PlanEdit(2, "move", ["H;1", "=H2"], "P1")], w);
        Assert.Equal(["H;1", "=H2"], Assert.Single(PlanEdits.Read(new StringReader(w.ToString()))).Targets);
    }

    [Fact]
    public void Read_BadTime_NamesLineAndValue()
    {
        var ex = Assert.Throws<PlanEditException>(() => PlanEdits.Read(new StringReader("action,targets,argument,author,time\nmove,H1,P1,Jo,yesterday\n")));
        Assert.Equal(2, ex.Problems.Single().Line);
        Assert.Contains("'yesterday'", ex.Problems.Single().Reason, StringComparison.Ordinal);
    }
}
