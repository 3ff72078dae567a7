using System.Globalization;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Cli;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Cli;

public sealed class SummaryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-summary-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [Property(MaxTest = 80, Arbitrary = [typeof(Stocks)])]
    public Property UnplacedLine_CountsEachUnplacedHomeOnce(TestStock stock)
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions
        {
            Seed = stock.Seed,
            Clustering = { TargetSize = stock.TargetSize },
            Trimming = { MinHomes = Math.Max(2, stock.TargetSize), MaxSpreadMeters = 300 },
        }).Define(stock.ToHomeSet());
        if (plan.Unplaced.Count == 0) return true.Label("nothing unplaced").Classify(true, "nothing unplaced");
        string line = PlaceKit.Export.PlanSummary.UnplacedLine(plan);
        var head = Regex.Match(line, @"^([\d,]+) homes?, each counted once: (.*)$");
        if (!head.Success) return false.Label(line);
        var parts = head.Groups[2].Value.Split(" · ").Select(p => Regex.Match(p, @"^([a-z -]+) ([\d,]+)$")).ToList();
        if (parts.Any(p => !p.Success)) return false.Label(line);
        int sum = parts.Sum(p => Number(p.Groups[2].Value));
        var expected = plan.Unplaced.GroupBy(u => u.Reasons.Select(r => r.Rule).Distinct().Count() == 2 ? "both too-few-homes and too-spread" : u.Reasons[0].Rule + " only")
            .ToDictionary(g => g.Key, g => g.Count());
        bool each = parts.All(p => expected[p.Groups[1].Value] == Number(p.Groups[2].Value)) && parts.Count == expected.Count;
        return (Number(head.Groups[1].Value) == plan.Unplaced.Count && sum == plan.Unplaced.Count && each).Label(line)
            .Classify(expected.Keys.Any(k => k.Contains(" and ", StringComparison.Ordinal)), "a cluster broke both rules");
    }

    [Fact]
    public void Define_Sample_SaysWhereThePlacesBeyondTheTopTenAre_AndCountsUnplacedHomesOnce()
    {
        var (code, output, _) = CliRunner.Run("define", "--out", Path.Combine(_dir, "out"));
        Assert.Equal(0, code);
        output = output.Replace("\r", "", StringComparison.Ordinal);
        var places = Number(Regex.Match(output, @"Places     ([\d,]+):").Groups[1].Value);
        Assert.True(places > 10, output);
        Assert.Contains($"  ... {places - 10} more places (ranks 11-{places}): every place is in report.html, places.geojson and clusters.csv (by place_id); homes.csv gives each home's place_id\n", output, StringComparison.Ordinal);
        int unplaced = Number(Regex.Match(output, @"Coverage .*, ([\d,]+) unplaced").Groups[1].Value);
        var line = Regex.Match(output, @"Unplaced   ([\d,]+) homes, each counted once: (.*)\n");
        Assert.True(line.Success, output);
        Assert.Equal(unplaced, Number(line.Groups[1].Value));
        Assert.Equal(unplaced, line.Groups[2].Value.Split(" · ").Sum(p => Number(p[(p.LastIndexOf(' ') + 1)..])));
        Assert.Contains("both too-few-homes and too-spread", line.Groups[2].Value, StringComparison.Ordinal);
        Assert.Contains("too-spread only", line.Groups[2].Value, StringComparison.Ordinal);

        // The places beyond the top ten really are where the summary says.
        string report = File.ReadAllText(Path.Combine(_dir, "out", "report.html"));
        string geojson = File.ReadAllText(Path.Combine(_dir, "out", "places.geojson"));
        Assert.Contains($"<tr data-goto=\"P{places}\">", report, StringComparison.Ordinal);
        Assert.Contains($"\"place_id\":\"P{places}\"", geojson, StringComparison.Ordinal);
        using var csv = new CsvHelper.CsvReader(new StreamReader(Path.Combine(_dir, "out", "clusters.csv")), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var placeIds = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            if (csv.GetField("place_id") is { Length: > 0 } id) placeIds.Add(id);
        }

        Assert.Equal(places, placeIds.Count);
        Assert.Contains($"P{places}", placeIds);
    }
}
