using System.Text.RegularExpressions;

namespace PlaceKit.Tests.Architecture;

/// <summary>
/// The stages depend only downward (issue 13): each folder of src/PlaceKit is a namespace with a rank, and a file may
/// name (by <c>using</c> or a qualified name) only namespaces of a lower rank. Namespaces not listed (added later) are
/// not checked until they are given a rank here.
/// </summary>
public partial class LayeringTests
{
    /// <summary>Ground floor first; equal ranks are siblings and must not import each other.</summary>
    internal static readonly IReadOnlyDictionary<string, int> Rank = new Dictionary<string, int>
    {
        ["PlaceKit"] = 0,
        ["IO"] = 1,
        ["Homes"] = 2,
        ["Clustering"] = 3,
        ["Scoring"] = 4,
        ["Trimming"] = 5,
        ["Coverage"] = 6,
        ["Territories"] = 6,
        ["Planning"] = 7,
        ["Editing"] = 8,
        ["Persistence"] = 8,
        ["Export"] = 9,
        ["DependencyInjection"] = 10,
    };

    [GeneratedRegex(@"^namespace PlaceKit(?:\.(\w+))?;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using (?:static )?PlaceKit\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.])(?:PlaceKit\.)?(Homes|IO|Clustering|Scoring|Trimming|Coverage|Territories|Planning|Editing|Persistence|Export|DependencyInjection)\.[A-Z]\w*")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"//.*|""(?:[^""\\]|\\.)*""")]
    private static partial Regex CommentOrString();

    internal static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlaceKit.sln"))) return Path.Combine(dir.FullName, "src", "PlaceKit");
        }

        throw new DirectoryNotFoundException("PlaceKit.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every (namespace, imported namespace, file) in src/PlaceKit, comments, strings and XML docs ignored.</summary>
    internal static IEnumerable<(string From, string To, string File)> Imports()
    {
        string root = SourceRoot();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(root, file);
            if (rel.StartsWith("obj", StringComparison.Ordinal) || rel.StartsWith("bin", StringComparison.Ordinal)) continue;
            string text = File.ReadAllText(file);
            var ns = NamespaceLine().Match(text);
            if (!ns.Success) continue;
            string from = ns.Groups[1].Success ? ns.Groups[1].Value : "PlaceKit";
            string code = CommentOrString().Replace(text, "");
            var to = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in UsingLine().Matches(code)) to.Add(m.Groups[1].Value);
            foreach (Match m in QualifiedName().Matches(code)) to.Add(m.Groups[1].Value);
            to.Remove(from);
            foreach (var t in to) yield return (from, t, rel);
        }
    }

    [Fact]
    public void EveryStage_ImportsOnlyLowerStages()
    {
        var upward = Imports()
            .Where(i => Rank.TryGetValue(i.From, out int a) && Rank.TryGetValue(i.To, out int b) && b >= a)
            .Select(i => $"{i.File}: {i.From} imports {i.To}")
            .ToArray();
        Assert.Empty(upward);
    }

    [Fact]
    public void Scan_FindsTheKnownDownwardImports()
    {
        // The scan must see real imports, or the test above could not fail.
        var all = Imports().Select(i => (i.From, i.To)).ToHashSet();
        Assert.Contains(("Planning", "Clustering"), all);
        Assert.Contains(("Export", "Planning"), all);
        Assert.Contains(("Scoring", "Clustering"), all);
    }
}
