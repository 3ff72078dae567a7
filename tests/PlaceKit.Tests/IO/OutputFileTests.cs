using System.Text;
using PlaceKit.IO;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.IO;

/// <summary>One file, all or nothing: temporary sibling, flush, atomic rename; never a clobbered or half-written file.</summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "placekit-file-" + Guid.NewGuid().ToString("N"));

    public OutputFileTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, true);

    private string At(string name) => Path.Combine(_root, name);

    private static Action<Stream> Text(string s) => stream => stream.Write(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void Write_NewFile_WritesItAndLeavesOnlyItsNote()
    {
        string written = OutputFile.Write(At("a.csv"), Text("one"));
        Assert.Equal(At("a.csv"), written);
        Assert.Equal("one", File.ReadAllText(At("a.csv")));
        Assert.Empty(Hostile.Others(_root, "a.csv", ".a.csv.placekit"));
    }

    [Fact]
    public void Write_Twice_ReplacesItsOwnFile()
    {
        OutputFile.Write(At("a.csv"), Text("one"));
        OutputFile.Write(At("a.csv"), Text("two"));
        Assert.Equal("two", File.ReadAllText(At("a.csv")));
    }

    [Fact]
    public void Write_FileSomeoneElseWrote_IsRefusedUntouched_AndForceReplacesIt()
    {
        File.WriteAllText(At("budget.csv"), "precious");
        var ex = Assert.Throws<OutputFileException>(() => OutputFile.Write(At("budget.csv"), Text("new")));
        Assert.Contains("PlaceKit did not write it", ex.Message);
        Assert.Contains("--force", ex.Message);
        Assert.Equal("precious", File.ReadAllText(At("budget.csv")));
        OutputFile.Write(At("budget.csv"), Text("new"), new OutputFileOptions { Force = true });
        Assert.Equal("new", File.ReadAllText(At("budget.csv")));
    }

    [Fact]
    public void Write_OwnFileChangedSince_IsRefused()
    {
        OutputFile.Write(At("a.csv"), Text("one"));
        File.AppendAllText(At("a.csv"), "\nmy notes");
        Assert.Throws<OutputFileException>(() => OutputFile.Write(At("a.csv"), Text("two")));
        Assert.EndsWith("my notes", File.ReadAllText(At("a.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FileTheCommandReads_IsRefusedEvenWithForce_AlsoThroughALink()
    {
        File.WriteAllText(At("plan.json"), "{}");
        File.CreateSymbolicLink(At("link.json"), At("plan.json"));
        var options = new OutputFileOptions { Force = true, Inputs = [At("plan.json")] };
        var ex = Assert.Throws<OutputFileException>(() => OutputFile.Write(At("plan.json"), Text("x"), options));
        Assert.Contains("a file this command reads", ex.Message);
        Assert.Throws<OutputFileException>(() => OutputFile.Write(At("link.json"), Text("x"), options));
        Assert.Equal("{}", File.ReadAllText(At("plan.json")));
    }

    [Fact]
    public void Write_SymlinkedTarget_WritesWhereItPointsAndKeepsTheLink()
    {
        Directory.CreateDirectory(At("real"));
        File.CreateSymbolicLink(At("out.csv"), At("real/out.csv")); // dangling until the first write
        OutputFile.Write(At("out.csv"), Text("one"));
        OutputFile.Write(At("out.csv"), Text("two"));
        Assert.NotNull(new FileInfo(At("out.csv")).LinkTarget);
        Assert.Equal("two", File.ReadAllText(At("real/out.csv")));
    }

    [Fact]
    public void Write_Folder_IsRefusedSayingItIsAFolder()
    {
        Directory.CreateDirectory(At("dir"));
        var ex = Assert.Throws<OutputFileException>(() => OutputFile.Write(At("dir"), Text("x")));
        Assert.Contains("is a folder; give a file name", ex.Message);
    }

    [Fact]
    public void Write_FailingWriter_LeavesTheOldFileAndNoTemporaryFile()
    {
        OutputFile.Write(At("a.csv"), Text("one"));
        Assert.Throws<IOException>(() => OutputFile.Write(At("a.csv"), s => { s.WriteByte(1); throw new IOException("disk full (injected)"); }));
        Assert.Equal("one", File.ReadAllText(At("a.csv")));
        Assert.Empty(Hostile.Others(_root, "a.csv", ".a.csv.placekit"));
    }

    [Fact]
    public void Write_Cancelled_LeavesTheOldFile()
    {
        OutputFile.Write(At("a.csv"), Text("one"));
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => OutputFile.Write(At("a.csv"), s => { s.WriteByte(2); cts.Cancel(); }, null, cts.Token));
        Assert.Equal("one", File.ReadAllText(At("a.csv")));
        Assert.Empty(Hostile.Others(_root, "a.csv", ".a.csv.placekit"));
    }

    [Fact]
    public void Write_StaleTemporarySiblingsOfDeadRuns_AreDeleted_ThoseOfLiveRunsKept()
    {
        File.WriteAllText(At($".a.csv.placekit-tmp-{int.MaxValue}-{Guid.NewGuid():N}"), "killed run");
        File.WriteAllText(At($".a.csv.placekit-tmp-{Guid.NewGuid():N}"), "older version's name");
        string live = $".a.csv.placekit-tmp-1-{Guid.NewGuid():N}"; // pid 1 is always alive
        File.WriteAllText(At(live), "another run, still writing");
        File.WriteAllText(At(".b.csv.placekit-tmp-2147483647-x"), "another target's");
        OutputFile.Write(At("a.csv"), Text("one"));
        Assert.Equal(new[] { ".a.csv.placekit", ".b.csv.placekit-tmp-2147483647-x", "a.csv", live }.Order(StringComparer.Ordinal), Directory.GetFiles(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public void Write_DiskFull_LeavesTheOldFileWholeAndNoTemporaryFile()
    {
        string disk = At("disk");
        using var tmpfs = Hostile.MountTmpfs(disk, 256);
        string file = Path.Combine(disk, "a.csv");
        OutputFile.Write(file, Text("small and whole"));
        var ex = Assert.ThrowsAny<IOException>(() => OutputFile.Write(file, s => s.Write(new byte[1 << 20])));
        Assert.IsNotType<OutputFileException>(ex);
        Assert.Equal("small and whole", File.ReadAllText(file));
        Assert.Empty(Hostile.Others(disk, "a.csv", ".a.csv.placekit"));
    }
}
