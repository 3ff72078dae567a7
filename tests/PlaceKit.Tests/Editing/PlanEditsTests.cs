using PlaceKit.Editing;
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
}
