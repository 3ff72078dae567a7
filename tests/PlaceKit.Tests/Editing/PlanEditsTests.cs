using PlaceKit.Editing;

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
    public void Write_IdWithSemicolon_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => PlanEdits.Write([new PlanEdit(2, "move", ["H;1"], "P1")], new StringWriter()));
        Assert.Contains("H;1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadTime_NamesLineAndValue()
    {
        var ex = Assert.Throws<PlanEditException>(() => PlanEdits.Read(new StringReader("action,targets,argument,author,time\nmove,H1,P1,Jo,yesterday\n")));
        Assert.Equal(2, ex.Problems.Single().Line);
        Assert.Contains("'yesterday'", ex.Problems.Single().Reason, StringComparison.Ordinal);
    }
}
