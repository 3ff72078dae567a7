using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using PlaceKit.Persistence;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using PlaceKit.Tests.Support;
using PlaceKit.Trimming;

namespace PlaceKit.Tests.Trimming;

/// <summary>A plan for the teams you have: <see cref="TrimmingOptions.Teams"/>, per-authority team counts, <see cref="TeamsCurve"/>.</summary>
public class TeamsTests
{
    private static ClusterScore C(int id, string authority, int homes, double r90, int rank) => new()
    {
        ClusterId = id, Authority = authority, Homes = homes, CentreX = 0, CentreY = 0, Hull = Point.Empty, HullAreaKm2 = 0,
        DensityPerKm2 = 0, MeanDistanceMeters = 0, R90Meters = r90, Tightness = 0, Rank = rank,
    };

    /// <summary>Small sets of clusters, sizes with many ties, r90 around the limit, one or two authorities.</summary>
    public static class Small
    {
        public static Arbitrary<(ClusterScore[] Clusters, int Teams, int? TeamsOfE2)> Case() =>
            (from k in Gen.Choose(0, 11)
             from sizes in Gen.ArrayOf(Gen.Elements(1, 2, 3, 5, 8, 8, 40, 450, 451, 900), k)
             from spreads in Gen.ArrayOf(Gen.Elements(10.0, 2_499.0, 2_500.0, 2_501.0, 9_000.0), k)
             from twoAuthorities in Gen.ArrayOf(Gen.Elements(false, true), k)
             from ranks in Gen.Shuffle(Enumerable.Range(1, Math.Max(1, k)).ToArray())
             from teams in Gen.Choose(1, 13)
             from e2 in Gen.Elements<int?>(null, null, 1, 2, 5)
             select (Enumerable.Range(0, k).Select(i => C(i + 1, twoAuthorities[i] ? "E2" : "E1", sizes[i], spreads[i], ranks[i])).ToArray(), teams, e2)).ToArbitrary();
    }

    /// <summary>The most homes any choice of <paramref name="n"/> of <paramref name="qualifying"/> holds, by trying every subset.</summary>
    private static int BruteForceBest(IReadOnlyList<ClusterScore> qualifying, int n)
    {
        int best = 0;
        for (int mask = 0; mask < 1 << qualifying.Count; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != Math.Min(n, qualifying.Count)) continue;
            int sum = 0;
            for (int i = 0; i < qualifying.Count; i++)
            {
                if ((mask & (1 << i)) != 0) sum += qualifying[i].Homes;
            }

            best = Math.Max(best, sum);
        }

        return best;
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(Small)])]
    public Property Trim_WithTeams_KeepsMinOfTeamsAndQualifying_AndNoOtherChoiceCoversMore((ClusterScore[] Clusters, int Teams, int? TeamsOfE2) c)
    {
        var options = new PlaceKitOptions { Trimming = { Teams = c.Teams } };
        if (c.TeamsOfE2 is int e2) options.Authorities.Add(new AuthoritySettings("E2") { Teams = e2 });
        var result = new PlaceTrimmer().Trim(c.Clusters, options);

        bool ok = result.Kept.Count + result.Trimmed.Count == c.Clusters.Length
            && result.Kept.Select(k => k.ClusterId).Concat(result.Trimmed.Select(t => t.Cluster.ClusterId)).Order().SequenceEqual(c.Clusters.Select(x => x.ClusterId).Order());
        ok &= result.Kept.All(k => k.R90Meters <= 2_500);                                  // the spread rule holds
        ok &= result.Trimmed.All(t => t.Reasons.All(r => r.Rule != TrimReason.TooFewHomes)); // the size rule is replaced
        ok &= result.Kept.Select(k => k.Rank).SequenceEqual(result.Kept.Select(k => k.Rank).Order());

        // Pools: E2 alone when it has its own count, else with E1 under the plan-wide count.
        var pools = c.TeamsOfE2 is int own
            ? new[] { (Members: c.Clusters.Where(x => x.Authority == "E1").ToArray(), Teams: c.Teams), (Members: c.Clusters.Where(x => x.Authority == "E2").ToArray(), Teams: own) }
            : new[] { (Members: c.Clusters, Teams: c.Teams) };
        foreach (var (members, teams) in pools)
        {
            var qualifying = members.Where(x => x.R90Meters <= 2_500).ToArray();
            var kept = result.Kept.Where(k => members.Any(m => m.ClusterId == k.ClusterId)).ToArray();
            ok &= kept.Length == Math.Min(teams, qualifying.Length);
            ok &= kept.Sum(k => k.Homes) == BruteForceBest(qualifying, teams);
        }

        ok &= result.Trimmed.Where(t => t.Cluster.R90Meters <= 2_500).All(t => t.Reasons.Single().Rule == TrimReason.BeyondTeams);
        return ok.Label($"{c.Clusters.Length} clusters, teams {c.Teams}, E2 {c.TeamsOfE2}")
            .Classify(c.Clusters.Count(x => x.R90Meters <= 2_500) > c.Teams, "more qualify than teams");
    }

    [Fact]
    public void Trim_WithTeams_TakesLargestQualifying_TiesByRank_AndSaysWhy()
    {
        var clusters = new[] { C(1, "E1", 100, 100, 1), C(2, "E1", 900, 3_000, 2), C(3, "E1", 300, 100, 3), C(4, "E1", 300, 100, 4), C(5, "E1", 20, 100, 5) };
        var result = new PlaceTrimmer().Trim(clusters, new PlaceKitOptions { Trimming = { Teams = 2, MinHomes = 1_000 } });
        Assert.Equal([3, 4], result.Kept.Select(k => k.ClusterId));
        Assert.Equal("beyond-teams: 100 homes; the 2 teams went to clusters of 300+ homes", result.Trimmed.Single(t => t.Cluster.ClusterId == 1).ReasonText);
        Assert.Equal("too-spread: r90 3.0 km > 2.5 km", result.Trimmed.Single(t => t.Cluster.ClusterId == 2).ReasonText);

        var tie = new PlaceTrimmer().Trim(clusters, new PlaceKitOptions { Trimming = { Teams = 1 } });
        Assert.Equal([3], tie.Kept.Select(k => k.ClusterId));
    }

    [Fact]
    public void Trim_MoreTeamsThanQualifying_KeepsEveryQualifying()
    {
        var clusters = new[] { C(1, "E1", 5, 100, 1), C(2, "E1", 900, 3_000, 2) };
        var result = new PlaceTrimmer().Trim(clusters, new PlaceKitOptions { Trimming = { Teams = 10 } });
        Assert.Equal([1], result.Kept.Select(k => k.ClusterId));
        Assert.Single(TeamsCurve.Compute(clusters, new PlaceKitOptions().Resolved().Trimming, 905));
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(Small)])]
    public Property Curve_IsTheBestCoverageForEveryTeamCount((ClusterScore[] Clusters, int Teams, int? TeamsOfE2) c)
    {
        int total = c.Clusters.Sum(x => x.Homes);
        var curve = TeamsCurve.Compute(c.Clusters, new PlaceKitOptions().Resolved().Trimming, total);
        var qualifying = c.Clusters.Where(x => x.R90Meters <= 2_500).ToArray();
        bool ok = curve.Count == qualifying.Length;
        for (int i = 0; i < curve.Count; i++)
        {
            ok &= curve[i].Teams == i + 1 && curve[i].Homes == BruteForceBest(qualifying, i + 1)
                && (i == 0 || curve[i].SmallestPlace <= curve[i - 1].SmallestPlace);
            var kept = new PlaceTrimmer().Trim(c.Clusters, new PlaceKitOptions { Trimming = { Teams = i + 1 } }).Kept;
            ok &= kept.Sum(k => k.Homes) == curve[i].Homes;
        }

        return ok.Label($"{c.Clusters.Length} clusters");
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(Stocks)])]
    public Property Define_WithTeams_GivesTeamsPlacesOrEveryQualifying_AndEveryHomeOnce(TestStock stock, PositiveInt teams)
    {
        var homes = stock.ToHomeSet();
        int n = 1 + (teams.Get % 12);
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Seed = stock.Seed, Clustering = { TargetSize = stock.TargetSize }, Trimming = { Teams = n, MaxSpreadMeters = 800 } })
            .Define(homes);
        int qualifying = plan.Clusters.Count(x => x.R90Meters <= 800);
        var curve = TeamsCurve.Of(plan);
        bool ok = plan.Places.Count == Math.Min(n, qualifying)
            && plan.Coverage.PlacedHomes + plan.Unplaced.Count == homes.Count
            && curve.Count == qualifying
            && (plan.Places.Count == 0 || curve[plan.Places.Count - 1].Homes == plan.Coverage.PlacedHomes);
        return ok.Label($"{stock}; teams {n}, {qualifying} qualifying, {plan.Places.Count} places");
    }

    [Fact]
    public void Sweep_TeamRows_EqualDefine_AndCoverageGrowsWithTeams()
    {
        var homes = PlaceKit.Homes.SampleStock.Sample();
        var rows = PlanSweep.Run(homes, new PlaceKitOptions(), [750], [], [4_000], [10, 20, 34, 50]);
        Assert.Equal([10, 20, 34, 50], rows.Select(r => r.Teams!.Value));
        for (int i = 1; i < rows.Count; i++) Assert.True(rows[i].CoverageRatio >= rows[i - 1].CoverageRatio);
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 750 }, Trimming = { Teams = 20, MaxSpreadMeters = 4_000 } }).Define(homes);
        Assert.Equal(plan.Coverage.PlacedHomes, rows[1].PlacedHomes);
        Assert.Equal(20, rows[1].Places);
    }

    [Fact]
    public void Sweep_TeamsWithSeveralMinimums_GivesEachTeamRowOnce_AndKeepsTheMinimumRows()
    {
        var homes = PlaceKit.Homes.SampleStock.Sample();
        var baseOptions = new PlaceKitOptions();
        var rows = PlanSweep.Run(homes, baseOptions, [450, 750], [300, 450, 600], [3_000, 4_000], [20, 34]);
        // Per target: 2 team rows per spread (once, not once per minimum).
        Assert.Equal(2 * 2 * 2, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.Teams));
        Assert.Equal(rows.Count, rows.Select(r => (r.TargetSize, r.MaxSpreadMeters, r.Teams)).Distinct().Count());
        Assert.Equal([(450, 3_000.0, 20), (450, 3_000, 34), (450, 4_000, 20), (450, 4_000, 34), (750, 3_000, 20), (750, 3_000, 34), (750, 4_000, 20), (750, 4_000, 34)],
            rows.Select(r => (r.TargetSize, r.MaxSpreadMeters, r.Teams!.Value)));
        // Each still equals Define with those options.
        var row = rows[5];
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 750 }, Trimming = { Teams = 34, MaxSpreadMeters = 3_000 } }).Define(homes);
        Assert.Equal(plan.Coverage.PlacedHomes, row.PlacedHomes);

        // Without team counts the minimums still make their own rows.
        Assert.Equal(3, PlanSweep.Run(homes, baseOptions, [450], [300, 450, 600], [3_000], []).Count);
        var (code, output, err) = CliRunner.Run("sweep", "--target", "450", "--teams", "20,34", "--min-homes", "300,450", "--max-spread-m", "4000");
        Assert.True(code == 0, err);
        Assert.Contains("a team count replaces --min-homes, so each team row is given once, not once for each of the 2 minimums", output);
    }

    [Fact]
    public void PlanFile_AndRerun_KeepTeamsAndAuthoritySettings()
    {
        var homes = PlaceKit.Homes.SampleStock.Sample();
        var options = new PlaceKitOptions { Clustering = { TargetSize = 750 }, Trimming = { Teams = 12, MaxSpreadMeters = 4_000 } };
        string code = homes.Authorities[0];
        options.Authorities.Add(new AuthoritySettings(code) { Name = "Town & \"Country\"", Teams = 1, TargetSize = 300 });
        var plan = PlaceDefiner.Create(options).Define(homes);
        Assert.Equal(1, plan.Places.Count(p => p.Authority == code));
        Assert.Equal(12, plan.Places.Count(p => p.Authority != code));

        using var stream = new MemoryStream();
        PlanFile.Save(plan, stream);
        stream.Position = 0;
        var loaded = PlanFile.Load(stream);
        Assert.Equal(12, loaded.Options.Trimming.Teams);
        // A plan keeps its options resolved: the authority's minimum follows its own target, written down.
        Assert.Equal(options.Authorities.Single() with { MinHomes = 300 }, loaded.Options.Authorities.Single());
        Assert.Equal(plan.Places.Select(p => (p.Id, p.Homes)), loaded.Places.Select(p => (p.Id, p.Homes)));

        var rerun = PlaceKit.Editing.PlanRerun.Define(homes, loaded).Plan;
        Assert.Equal(1, rerun.Places.Count(p => p.Authority == code));
        Assert.Equal(12, rerun.Places.Count(p => p.Authority != code));
    }

    [Fact]
    public void Validate_TeamsBelowOne_NamesFieldAndValue()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => PlaceDefiner.Create(new PlaceKitOptions { Trimming = { Teams = 0 } }));
        Assert.Contains("Trimming.Teams", ex.Message);
        Assert.Contains("was 0", ex.Message);
    }

    [Fact]
    public void Cli_DefineWithTeams_SaysWhenFewerQualify_AndReportShowsTheCurve()
    {
        string dir = Path.Combine(Path.GetTempPath(), "pk-teams-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output, err) = CliRunner.Run("define", "--teams", "500", "--max-spread-m", "4000", "--out", dir);
            Assert.True(code == 0, err);
            Assert.Contains("Teams      500:", output);
            Assert.Contains("teams have no place", output);
            string report = File.ReadAllText(Path.Combine(dir, "report.html"));
            Assert.Contains("Teams → coverage", report);
            Assert.Contains("This plan is for <b>500</b> teams", report);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Cli_SweepWithCoverageGoal_MarksRowsAndNamesFewestPlaces()
    {
        var (code, output, err) = CliRunner.Run("sweep", "--target", "450", "--teams", "20,34,50", "--max-spread-m", "4000", "--coverage-goal", "60");
        Assert.True(code == 0, err);
        Assert.Contains("teams", output);
        Assert.Contains("  yes", output);
        Assert.Contains("Goal       2 of 3 combinations reach 60%; fewest places: 34", output);
        var bad = CliRunner.Run("sweep", "--coverage-goal", "160");
        Assert.NotEqual(0, bad.Code);
        Assert.Contains("--coverage-goal", bad.Err);
    }
}
