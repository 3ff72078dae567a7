using PlaceKit.Homes;
using PlaceKit.Tests.Support;
using static PlaceKit.Tests.Support.CliRunner;

namespace PlaceKit.Tests.Cli;

/// <summary><c>diff --changes FILE</c> and <c>sample --out FILE</c>: never a clobbered input, someone's file or a half-written file; clear messages.</summary>
public sealed class SingleFileOutputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-single-" + Guid.NewGuid().ToString("N"));

    public SingleFileOutputTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private string At(string name) => Path.Combine(_dir, name);

    private (string A, string B) TwoPlans()
    {
        string stock = At("homes.csv");
        Assert.Equal(0, Run("sample", "--out", stock, "--homes", "900", "--authorities", "2").Code);
        Assert.Equal(0, Run("define", stock, "--out", At("a"), "--target", "100").Code);
        Assert.Equal(0, Run("define", stock, "--out", At("b"), "--target", "100", "--seed", "7").Code);
        return (At("a/plan.json"), At("b/plan.json"));
    }

    [Fact]
    public void DiffChanges_OntoAPlanItCompares_IsRefusedEvenWithForce()
    {
        var (a, b) = TwoPlans();
        byte[] before = File.ReadAllBytes(a);
        foreach (var args in new[] { new[] { "diff", a, b, "--changes", a }, ["diff", a, b, "--changes", b, "--force"] })
        {
            var (code, _, err) = Run(args);
            Assert.Equal(2, code);
            Assert.Contains("is a file this command reads", err);
        }

        Assert.Equal(before, File.ReadAllBytes(a));
    }

    [Fact]
    public void DiffChanges_OntoSomeoneElsesFile_NeedsForce_AndRunningTwiceJustWorks()
    {
        var (a, b) = TwoPlans();
        File.WriteAllText(At("notes.csv"), "mine");
        var (code, _, err) = Run("diff", a, b, "--changes", At("notes.csv"));
        Assert.Equal(2, code);
        Assert.Contains("PlaceKit did not write it", err);
        Assert.Equal("mine", File.ReadAllText(At("notes.csv")));
        Assert.Equal(0, Run("diff", a, b, "--changes", At("notes.csv"), "--force").Code);
        Assert.StartsWith("change,id,from,to", File.ReadAllText(At("notes.csv")), StringComparison.Ordinal);
        Assert.Equal(0, Run("diff", a, b, "--changes", At("changes.csv")).Code);
        Assert.Equal(0, Run("diff", a, b, "--changes", At("changes.csv")).Code);
    }

    [Fact]
    public void DiffChanges_AFolder_SaysItIsAFolder()
    {
        var (a, b) = TwoPlans();
        var (code, _, err) = Run("diff", a, b, "--changes", _dir);
        Assert.Equal(2, code);
        Assert.Contains("is a folder; give a file name", err);
        Assert.DoesNotContain("denied", err);
    }

    [Fact]
    public void SampleOut_OntoSomeoneElsesFile_IsRefusedUntouched_ForceReplaces_OwnFileIsReplaced()
    {
        File.WriteAllText(At("stock.csv"), "id,easting,northing,authority\nmine,1,2,X\n");
        var (code, _, err) = Run("sample", "--out", At("stock.csv"), "--homes", "50", "--authorities", "2");
        Assert.Equal(2, code);
        Assert.Contains("PlaceKit did not write it", err);
        Assert.Contains("mine", File.ReadAllText(At("stock.csv")));
        Assert.Equal(0, Run("sample", "--out", At("stock.csv"), "--homes", "50", "--authorities", "2", "--force").Code);
        Assert.Equal(0, Run("sample", "--out", At("stock.csv"), "--homes", "60", "--authorities", "2").Code);
        Assert.Equal(60, HomeCsv.Read(At("stock.csv")).Count);
    }

    [Fact]
    public void SampleOut_AFolder_SaysItIsAFolder()
    {
        var (code, _, err) = Run("sample", "--out", _dir);
        Assert.Equal(2, code);
        Assert.Contains("is a folder; give a file name", err);
    }

    [Fact]
    public void SampleHomes10_WithoutAuthorities_JustWorks()
    {
        var (code, output, err) = Run("sample", "--out", At("ten.csv"), "--homes", "10");
        Assert.True(code == 0, err);
        Assert.Contains("Wrote 10 homes in 10 authorities", output);
    }

    [Fact]
    public void InputOrPreviousPlanOrEditsGivenAsAFolder_SaysItIsAFolder()
    {
        Directory.CreateDirectory(At("stockdir"));
        var (code, _, err) = Run("define", At("stockdir"), "--out", At("o"));
        Assert.Equal(2, code);
        Assert.Contains("input file '" + At("stockdir") + "' is a folder, not a file", err);
        (code, _, err) = Run("define", "--previous", At("stockdir"), "--out", At("o"));
        Assert.Equal(2, code);
        Assert.Contains("previous plan file '" + At("stockdir") + "' is a folder, not a file", err);
        (code, _, err) = Run("diff", At("stockdir"), At("stockdir"));
        Assert.Equal(2, code);
        Assert.Contains("is a folder, not a file; give the file inside it (such as", err);
        Assert.False(Directory.Exists(At("o")));
    }

    [Fact]
    public void Adjust_IntoTheFolderOfThePlanItReads_IsRefusedUntouched()
    {
        var (a, _) = TwoPlans();
        string edits = At("edits.csv");
        File.WriteAllText(edits, "action,targets,argument\n");
        var before = Hostile.Snapshot(At("a"));
        var (code, _, err) = Run("adjust", a, edits, "--out", At("a"));
        Assert.Equal(2, code);
        Assert.Contains("holds 'plan.json', which this command reads", err);
        Assert.Equal(before, Hostile.Snapshot(At("a")));
    }

    [SkippableFact]
    public void SampleOut_DiskFull_Exit1_LeavesTheOldFileWhole()
    {
        string disk = At("disk");
        using var tmpfs = Hostile.MountTmpfs(disk, 512);
        string file = Path.Combine(disk, "homes.csv");
        Assert.Equal(0, Run("sample", "--out", file, "--homes", "100", "--authorities", "2").Code);
        byte[] before = File.ReadAllBytes(file);
        var (code, _, err) = Run("sample", "--out", file, "--homes", "100000", "--authorities", "2");
        Assert.Equal(1, code);
        Assert.Contains("No space left on device", err);
        Assert.EndsWith("the previous outputs are untouched", err.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.Empty(Hostile.Others(disk, "homes.csv", ".homes.csv.placekit"));
    }

    [SkippableFact]
    public void DiffChanges_DiskFull_Exit1_LeavesTheOldFileWhole()
    {
        var (a, b) = TwoPlans();
        string disk = At("disk");
        using var tmpfs = Hostile.MountTmpfs(disk, 64);
        string file = Path.Combine(disk, "changes.csv");
        File.WriteAllText(file, "old");
        Hostile.Fill(disk);
        var (code, _, err) = Run("diff", a, b, "--changes", file, "--force");
        Assert.Equal(1, code);
        Assert.Contains("No space left on device", err);
        Assert.Equal("old", File.ReadAllText(file));
        Assert.Empty(Hostile.Others(disk, "changes.csv", "filler"));
    }
}
