using System.Text.Json;
using PlaceKit.Cli;
using PlaceKit.Planning;

namespace PlaceKit.Tests.Cli;

public sealed class DefineReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-cli-report-" + Guid.NewGuid().ToString("N"));

    public DefineReportTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private string Csv()
    {
        string path = Path.Combine(_dir, "homes.csv");
        var lines = new List<string> { "id,easting,northing,authority" };
        for (int i = 0; i < 40; i++) lines.Add($"A{i},{400000 + (i % 8 * 25)},{300000 + (i / 8 * 25)},E1");
        for (int i = 0; i < 4; i++) lines.Add($"B{i},{450000 + (i * 4000)},{310000},E2");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Define_WritesReport_AndHomesGeoJsonOnlyWhenAsked()
    {
        string outA = Path.Combine(_dir, "a"), outB = Path.Combine(_dir, "b");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(0, PlaceKitCli.Run(["define", Csv(), "--out", outA, "--target", "40", "--min-homes", "10"], o, e));
        Assert.True(File.Exists(Path.Combine(outA, "report.html")));
        Assert.False(File.Exists(Path.Combine(outA, "homes.geojson")));
        Assert.Contains("report.html", o.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, PlaceKitCli.Run(["define", Csv(), "--out", outB, "--target", "40", "--min-homes", "10", "--homes-geojson"], new StringWriter(), new StringWriter()));
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outB, "homes.geojson")));
        Assert.Equal(44, doc.RootElement.GetProperty("features").GetArrayLength());
    }

    [Fact]
    public void Define_NotATerminal_LogsEachStageAsPlainLines()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(0, PlaceKitCli.Run(["define", Csv(), "--out", Path.Combine(_dir, "o"), "--target", "40", "--min-homes", "10"], o, e));
        var lines = e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^placekit: read done in \d+\.\d\d s: 44 homes$", lines[0]);
        var expected = new List<string>();
        foreach (var stage in Enum.GetNames<PlanStage>())
        {
            expected.Add($"placekit: {stage.ToLowerInvariant()} ...");
            expected.Add($"placekit: {stage.ToLowerInvariant()} done in");
        }

        expected.Add("placekit: write ...");
        expected.Add("placekit: write done in");
        Assert.Equal(expected.Count + 1, lines.Length);
        for (int i = 0; i < expected.Count; i++) Assert.StartsWith(expected[i], lines[i + 1], StringComparison.Ordinal);
        Assert.EndsWith($": {PlaceKit.Export.PlanExporter.FileNames.Count + 1} files", lines[^1], StringComparison.Ordinal); // + run.json
        Assert.DoesNotContain("\u001b[", e.ToString(), StringComparison.Ordinal);   // no terminal control codes
    }
}
