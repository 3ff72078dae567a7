using PlaceKit.Cli;
using PlaceKit.Homes;
using PlaceKit.Planning;
using static PlaceKit.Tests.Support.CliRunner;
using PlaceKit.Persistence;

namespace PlaceKit.Tests.Editing;

public sealed class AdjustCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-adjust-" + Guid.NewGuid().ToString("N"));

    public AdjustCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private string WriteStock(string name, IEnumerable<Home> homes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllLines(path, ["id,easting,northing,authority", .. homes.Select(h => FormattableString.Invariant($"{h.Id},{h.X:R},{h.Y:R},{h.Authority}"))]);
        return path;
    }

    [Fact]
    public void DefineAdjustRerunDiff_EndToEnd()
    {
        var all = SampleStock.Generate(3000, 3, 9);
        string stock = WriteStock("homes.csv", all);
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b"), c = Path.Combine(_dir, "c");
        var (code, _, err) = Run("define", stock, "--out", a, "--target", "150");
        Assert.True(code == 0, err);
        var plan = PlanFile.Load(Path.Combine(a, "plan.json"));
        var p = plan.Places[0];
        string edits = Path.Combine(_dir, "edits.csv");
        File.WriteAllText(edits, $"action,targets,argument\nremove,{p.Id},\n");
        (code, var output, err) = Run("adjust", Path.Combine(a, "plan.json"), edits, "--out", b);
        Assert.True(code == 0, err);
        Assert.Contains("Changes", output);
        Assert.Contains($"place-gone,{p.Id}", File.ReadAllText(Path.Combine(b, "changes.csv")));
        Assert.Single(PlanFile.Load(Path.Combine(b, "plan.json")).Edits);

        string changed = WriteStock("homes2.csv", all.Skip(30));
        (code, output, err) = Run("define", changed, "--out", c, "--previous", Path.Combine(b, "plan.json"));
        Assert.True(code == 0, err);
        Assert.Matches(@"Stability\s+\d+\.\d% of 2,970 unchanged homes kept their place", output);
        Assert.True(File.Exists(Path.Combine(c, "changes.csv")));
        var rerun = PlanFile.Load(Path.Combine(c, "plan.json"));
        Assert.Equal(150, rerun.Options.Clustering.TargetSize);
        Assert.DoesNotContain(rerun.Places, x => x.Id == p.Id);

        (code, output, err) = Run("diff", Path.Combine(a, "plan.json"), Path.Combine(b, "plan.json"));
        Assert.True(code == 0, err);
        Assert.Contains($"1 gone ({p.Id})", output);
    }

    [Fact]
    public void AdjustLock_RerunKeepsThePlace_AndAdjustRefusesToChangeIt()
    {
        var all = SampleStock.Generate(3000, 2, 4);
        string stock = WriteStock("homes.csv", all);
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b"), c = Path.Combine(_dir, "c");
        var (code, _, err) = Run("define", stock, "--out", a, "--target", "150");
        Assert.True(code == 0, err);
        var plan = PlanFile.Load(Path.Combine(a, "plan.json"));
        var p = plan.Places[^1];
        string edits = Path.Combine(_dir, "edits.csv");
        File.WriteAllText(edits, $"action,targets,argument\nlock,{p.Id},\n");
        (code, _, err) = Run("adjust", Path.Combine(a, "plan.json"), edits, "--out", b);
        Assert.True(code == 0, err);
        Assert.True(PlanFile.Load(Path.Combine(b, "plan.json")).GetPlace(p.Id).Locked);

        var members = plan.HomeIndicesOf(p.Id).Select(i => plan.Homes.Ids[i]).ToHashSet();
        string gone = members.First();
        string changed = WriteStock("homes2.csv", all.Where(h => h.Id != gone));
        (code, var output, err) = Run("define", changed, "--out", c, "--previous", Path.Combine(b, "plan.json"), "--min-homes", "100000");
        Assert.True(code == 0, err);
        Assert.Contains($"Locked places kept: {p.Id} ({members.Count - 1:N0} homes)", output);
        var rerun = PlanFile.Load(Path.Combine(c, "plan.json"));
        var place = Assert.Single(rerun.Places);
        Assert.True(place.Locked);
        Assert.Equal(members.Count - 1, place.Homes);

        File.WriteAllText(edits, $"action,targets,argument\nremove,{p.Id},\n");
        (code, _, err) = Run("adjust", Path.Combine(c, "plan.json"), edits, "--out", Path.Combine(_dir, "d"));
        Assert.Equal(2, code);
        Assert.Contains($"line 2 (remove,{p.Id},): place '{p.Id}' is locked: remove would change it; unlock it first (unlock,{p.Id},)", err);
    }

    [Fact]
    public void Adjust_BadEdits_Exits2WithOneLinePerProblem()
    {
        string a = Path.Combine(_dir, "a");
        Assert.Equal(0, Run("define", WriteStock("homes.csv", SampleStock.Generate(600, 2, 3)), "--out", a, "--target", "100").Code);
        string edits = Path.Combine(_dir, "edits.csv");
        File.WriteAllText(edits, "action,targets,argument\nmove,NOPE,P1\nsplit,P1,0\n");
        var (code, output, err) = Run("adjust", Path.Combine(a, "plan.json"), edits, "--out", Path.Combine(_dir, "b"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("error: 2 problems in the edits; none were applied", lines[0]);
        Assert.Equal("  line 2 (move,NOPE,P1): unknown home id 'NOPE'", lines[1]);
        Assert.Equal("  line 3 (split,P1,0): split count must be at least 2, was 0", lines[2]);
        Assert.False(Directory.Exists(Path.Combine(_dir, "b")));
    }

    [Fact]
    public void Adjust_NotAPlan_Exits2NamingTheFile()
    {
        string bad = Path.Combine(_dir, "plan.json");
        File.WriteAllText(bad, "{\"format\":\"placekit-plan\",\"format_version\":7}");
        File.WriteAllText(Path.Combine(_dir, "e.csv"), "action,targets,argument\n");
        var (code, _, err) = Run("adjust", bad, Path.Combine(_dir, "e.csv"), "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, code);
        Assert.Contains("format version 7", err);
        Assert.DoesNotContain("   at ", err);
    }
}
