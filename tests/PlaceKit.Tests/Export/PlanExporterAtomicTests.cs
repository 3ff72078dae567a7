using PlaceKit.Cli;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Export;

/// <summary>Outputs are all or nothing: an interrupted export leaves the previous outputs; a foreign folder needs --force.</summary>
public sealed class PlanExporterAtomicTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "placekit-atomic-" + Guid.NewGuid().ToString("N"));

    public PlanExporterAtomicTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, true);

    private string Out => Path.Combine(_root, "out");

    private static PlacePlan Plan(int seed) =>
        PlaceDefiner.Create(new PlaceKitOptions { Seed = seed, Clustering = { TargetSize = 100 } }).Define(HomeSet.Create(SampleStock.Generate(600, 2, seed)));

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    [Fact]
    public void WriteAll_Twice_ReplacesTheEarlierOutputFolderAsAWhole()
    {
        PlanExporter.WriteAll(Plan(1), Out);
        File.WriteAllText(Path.Combine(Out, "coverage.json"), "stale");
        var files = PlanExporter.WriteAll(Plan(2), Out);
        Assert.Equal(PlanExporter.FileNames.Select(f => Path.Combine(Out, f)), files);
        Assert.NotEqual("stale", File.ReadAllText(Path.Combine(Out, "coverage.json")));
        Assert.Equal(PlanExporter.FileNames.Append(PlanExporter.MarkerFileName).Order(StringComparer.Ordinal), Directory.GetFiles(Out).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        Assert.Equal(PlanExporter.FileNames, File.ReadAllLines(Path.Combine(Out, PlanExporter.MarkerFileName)).Skip(1));
        Assert.Single(Directory.GetFileSystemEntries(_root)); // no temporary or old folder left behind
    }

    [Fact]
    public void WriteAll_FailingWriter_LeavesPreviousOutputsUntouchedAndNoTemporaryFolder()
    {
        PlanExporter.WriteAll(Plan(1), Out);
        var before = Snapshot(Out);
        (string, Action<PlacePlan, Stream>)[] outputs =
        [
            ("homes.csv", (p, s) => PlanCsv.WriteHomes(p, new StreamWriter(s))),
            ("clusters.csv", (_, s) => { s.WriteByte(1); throw new IOException("disk full (injected)"); }),
        ];
        var ex = Assert.Throws<IOException>(() => PlanExporter.WriteAll(Plan(2), Out, null, outputs, default));
        Assert.Equal("disk full (injected)", ex.Message);
        Assert.Equal(before, Snapshot(Out));
        Assert.Single(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void WriteAll_Cancelled_LeavesPreviousOutputsUntouched()
    {
        PlanExporter.WriteAll(Plan(1), Out);
        var before = Snapshot(Out);
        using var cts = new CancellationTokenSource();
        (string, Action<PlacePlan, Stream>)[] outputs =
        [
            ("homes.csv", (p, s) => { s.WriteByte(1); cts.Cancel(); }),  // Ctrl+C arrives while the first file is written
            ("clusters.csv", (_, s) => s.WriteByte(2)),
        ];
        Assert.ThrowsAny<OperationCanceledException>(() => PlanExporter.WriteAll(Plan(2), Out, null, outputs, cts.Token));
        Assert.Equal(before, Snapshot(Out));
        Assert.Single(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void WriteAll_FirstRunFails_CreatesNoFolder()
    {
        (string, Action<PlacePlan, Stream>)[] outputs = [("homes.csv", (_, _) => throw new InvalidOperationException("bug"))];
        Assert.Throws<InvalidOperationException>(() => PlanExporter.WriteAll(Plan(1), Out, null, outputs, default));
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void WriteAll_FolderWithOtherFiles_IsRefusedUntouched_AndForceReplacesOnlyPlaceKitFiles()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "budget.xlsx"), "precious");
        File.WriteAllText(Path.Combine(Out, "homes.csv"), "someone else's");
        var ex = Assert.Throws<OutputFolderException>(() => PlanExporter.WriteAll(Plan(1), Out));
        Assert.Contains("holds files PlaceKit did not write", ex.Message);
        Assert.Contains("--force", ex.Message);
        Assert.Equal(["budget.xlsx", "homes.csv"], Directory.GetFiles(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("someone else's", File.ReadAllText(Path.Combine(Out, "homes.csv")));

        PlanExporter.WriteAll(Plan(1), Out, new PlanExportOptions { Force = true });
        Assert.Equal("precious", File.ReadAllText(Path.Combine(Out, "budget.xlsx")));
        Assert.StartsWith("id,authority,authority_name,cluster_id", File.ReadAllText(Path.Combine(Out, "homes.csv")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out, PlanExporter.MarkerFileName)));
        Assert.Throws<OutputFolderException>(() => PlanExporter.WriteAll(Plan(1), Out)); // still not PlaceKit's alone
    }

    [Fact]
    public void WriteAll_PlaceKitFolderWithAFileAddedLater_IsRefused()
    {
        PlanExporter.WriteAll(Plan(1), Out);
        File.WriteAllText(Path.Combine(Out, "notes.txt"), "mine");
        Assert.Throws<OutputFolderException>(() => PlanExporter.WriteAll(Plan(2), Out));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Out, "notes.txt")));
    }

    [Fact]
    public void WriteAll_TargetIsAFile_IsRefused()
    {
        File.WriteAllText(Out, "x");
        Assert.Throws<OutputFolderException>(() => PlanExporter.WriteAll(Plan(1), Out));
        Assert.Equal("x", File.ReadAllText(Out));
    }

    [Fact]
    public void WriteAll_ForceWithAFolderWhereAnOutputGoes_IsRefusedBeforeAnyWork_AllUntouched()
    {
        PlanExporter.WriteAll(Plan(1), Out);
        File.WriteAllText(Path.Combine(Out, "notes.txt"), "mine");
        File.Delete(Path.Combine(Out, "plan.json"));
        Directory.CreateDirectory(Path.Combine(Out, "plan.json"));
        var before = Hostile.Snapshot(Out);
        var ex = Assert.Throws<OutputFolderException>(() => PlanExporter.WriteAll(Plan(2), Out, new PlanExportOptions { Force = true }));
        Assert.Contains("plan.json' is a folder where PlaceKit writes a file", ex.Message);
        Assert.Equal(before, Hostile.Snapshot(Out));
        Assert.Empty(Hostile.Others(_root, "out"));
    }

    [SkippableFact]
    public void WriteAll_ForceWithAnOutputThatCannotBeReplaced_RollsBackEveryFile()
    {
        PlanExporter.WriteAll(Plan(1), Out);
        File.WriteAllText(Path.Combine(Out, "notes.txt"), "mine");
        string report = Path.Combine(Out, "report.html");
        Hostile.MakeImmutable(report);
        try
        {
            var before = Hostile.Snapshot(Out);
            var ex = Assert.Throws<IOException>(() => PlanExporter.WriteAll(Plan(2), Out, new PlanExportOptions { Force = true }));
            Assert.Contains("could not replace 'report.html'", ex.Message);
            Assert.Contains("every file was put back", ex.Message);
            Assert.Null(ex.Data[PlanExporter.OutputsTouchedKey]);
            Assert.Equal(before, Hostile.Snapshot(Out)); // homes.csv, clusters.csv, ... all still the first run's
            Assert.Empty(Hostile.Others(_root, "out"));
        }
        finally
        {
            Hostile.MakeMutable(report);
        }
    }

    [Fact]
    public void WriteAll_ForceIntoAForeignFolder_ReplacesEveryOutputAndKeepsTheOtherFiles()
    {
        PlanExporter.WriteAll(Plan(1), Out);
        File.WriteAllText(Path.Combine(Out, "notes.txt"), "mine");
        PlanExporter.WriteAll(Plan(2), Out, new PlanExportOptions { Force = true });
        var fresh = Path.Combine(_root, "fresh");
        PlanExporter.WriteAll(Plan(2), fresh);
        foreach (var f in PlanExporter.FileNames)
        {
            // A GeoPackage stamps its write time inside, so only its presence is compared; every other file byte for byte.
            if (f.EndsWith(".gpkg", StringComparison.Ordinal)) Assert.True(File.Exists(Path.Combine(Out, f)), f);
            else Assert.Equal(File.ReadAllText(Path.Combine(fresh, f)), File.ReadAllText(Path.Combine(Out, f)));
        }
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Out, "notes.txt")));
        Assert.Empty(Hostile.Others(_root, "out", "fresh"));
    }

    [Fact]
    public void WriteAll_SymlinkedOutputFolder_WritesWhereItPointsAndKeepsTheLink()
    {
        string real = Path.Combine(_root, "real");
        Directory.CreateDirectory(real);
        Directory.CreateSymbolicLink(Out, real);
        PlanExporter.WriteAll(Plan(1), Out);
        PlanExporter.WriteAll(Plan(2), Out); // the second run swaps the folder: the link must survive that too
        Assert.NotNull(new DirectoryInfo(Out).LinkTarget);
        Assert.True(File.Exists(Path.Combine(real, "plan.json")));
        Assert.Empty(Hostile.Others(_root, "out", "real"));
    }

    [Fact]
    public void WriteAll_StaleTemporaryFoldersOfKilledRuns_AreDeleted()
    {
        PlanExporter.WriteAll(Plan(1), Out);
        Directory.CreateDirectory(Path.Combine(_root, $".out.placekit-tmp-{int.MaxValue}-{Guid.NewGuid():N}", "x"));
        Directory.CreateDirectory(Path.Combine(_root, $".out.placekit-tmp-{Guid.NewGuid():N}")); // the name older versions used
        Directory.CreateDirectory(Path.Combine(_root, $".out.placekit-old-{int.MaxValue}-{Guid.NewGuid():N}"));
        PlanExporter.WriteAll(Plan(2), Out);
        Assert.Empty(Hostile.Others(_root, "out"));
    }

    [Fact]
    public void WriteAll_AnInputInsideTheFolderItReplaces_IsRefused()
    {
        PlanExporter.WriteAll(Plan(1), Out);
        var before = Hostile.Snapshot(Out);
        var options = new PlanExportOptions { Inputs = [Path.Combine(Out, "plan.json")] };
        var ex = Assert.Throws<OutputFolderException>(() => PlanExporter.WriteAll(Plan(2), Out, options));
        Assert.Contains("holds 'plan.json', which this command reads", ex.Message);
        Assert.Throws<OutputFolderException>(() => PlanExporter.WriteAll(Plan(2), Out, options with { Force = true }));
        Assert.Equal(before, Hostile.Snapshot(Out));
    }

    [SkippableFact]
    public void WriteAll_DiskFull_LeavesThePreviousOutputsAndNoTemporaryFolder()
    {
        string disk = Path.Combine(_root, "disk");
        using var tmpfs = Hostile.MountTmpfs(disk, 1024);
        string outDir = Path.Combine(disk, "out");
        PlanExporter.WriteAll(Plan(1), outDir);
        var before = Hostile.Snapshot(outDir);
        var big = PlaceDefiner.Create(new PlaceKitOptions()).Define(SampleStock.Sample());
        var ex = Assert.ThrowsAny<IOException>(() => PlanExporter.WriteAll(big, outDir));
        Assert.Contains("No space left", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Hostile.Snapshot(outDir));
        Assert.Empty(Hostile.Others(disk, "out"));
    }

    [Fact]
    public void Cli_ForeignFolder_Exits2WithOneLine_ForceWrites_AndRunningTwiceJustWorks()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "mine.txt"), "x");
        var e = new StringWriter();
        Assert.Equal(2, PlaceKitCli.Run(["define", "--out", Out], new StringWriter(), e));
        Assert.Single(e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: '", e.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, PlaceKitCli.Run(["define", "--out", Out, "--force"], new StringWriter(), new StringWriter()));
        Assert.True(File.Exists(Path.Combine(Out, "places.geojson")));

        string fresh = Path.Combine(_root, "fresh");
        Assert.Equal(0, PlaceKitCli.Run(["define", "--out", fresh], new StringWriter(), new StringWriter()));
        Assert.Equal(0, PlaceKitCli.Run(["define", "--out", fresh, "--seed", "7"], new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void Cli_CancelledRun_Exits130WithOneLineAndLeavesPreviousOutputs()
    {
        Assert.Equal(0, PlaceKitCli.Run(["define", "--out", Out], new StringWriter(), new StringWriter()));
        var before = Snapshot(Out);
        var e = new StringWriter();
        int code = PlaceKitCli.Guard(e, () => throw new OperationCanceledException());
        Assert.Equal(130, code);
        Assert.Equal(["error: cancelled; the previous outputs are untouched"], e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, Snapshot(Out));
    }

    [Fact]
    public void Cli_UnexpectedFailure_Exits1WithOneLineNoStackTrace()
    {
        var e = new StringWriter();
        int code = PlaceKitCli.Guard(e, () => throw new InvalidOperationException("exporter bug\nsecond line"));
        Assert.Equal(1, code);
        Assert.Equal(["error: unexpected failure (InvalidOperationException): exporter bug second line; the previous outputs are untouched"], e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
