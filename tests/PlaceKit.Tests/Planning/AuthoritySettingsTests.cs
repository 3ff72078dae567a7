using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Options;
using PlaceKit.Homes;
using PlaceKit.Persistence;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;
using PlaceKit.Trimming;

namespace PlaceKit.Tests.Planning;

/// <summary>Per-authority names and rules: <see cref="AuthoritySettings"/>, <see cref="AuthoritySettingsCsv"/>, <c>--authorities-file</c>.</summary>
public class AuthoritySettingsTests
{
    private static IReadOnlyList<AuthoritySettings> Read(string text, IReadOnlyCollection<string>? known = null) =>
        AuthoritySettingsCsv.Read(new StringReader(text), known, "authorities.csv");

    [Fact]
    public void Read_NamesAndRules_EmptyCellsKeepThePlanWideOption()
    {
        var s = Read("code,name,target,min_homes,max_spread_m,teams\nE06000023,\"Bristol, City of\",600,,3000,\n\nE07000001,,,200,,4\n");
        Assert.Equal(2, s.Count);
        Assert.Equal(new AuthoritySettings("E06000023") { Name = "Bristol, City of", TargetSize = 600, MaxSpreadMeters = 3000 }, s[0]);
        Assert.Equal(new AuthoritySettings("E07000001") { MinHomes = 200, Teams = 4 }, s[1]);
    }

    [Fact]
    public void Read_BadValues_EveryProblemNamesLineCodeFieldAndValue()
    {
        var ex = Assert.Throws<AuthoritySettingsException>(() =>
            Read("code,target,min_homes,max_spread_m,teams\nA,abc,0,NaN,2.5\nB,450,,-1,\n,1,,,\nA,1,,,\n", ["A", "B"]));
        Assert.Equal(
        [
            "authorities.csv line 2 (A): target = 'abc' is not a whole number >= 1",
            "authorities.csv line 2 (A): min_homes = '0' is not a whole number >= 1",
            "authorities.csv line 2 (A): teams = '2.5' is not a whole number >= 1",
            "authorities.csv line 2 (A): max_spread_m = 'NaN' is not a number of metres > 0",
            "authorities.csv line 3 (B): max_spread_m = '-1' is not a number of metres > 0",
            "authorities.csv line 4: code is empty",
            "authorities.csv line 5 (A): code 'A' already on line 2",
        ], ex.Problems);
    }

    [Fact]
    public void Read_UnknownCodeOrColumn_IsAnErrorNamingTheLine()
    {
        var unknown = Assert.Throws<AuthoritySettingsException>(() => Read("code,teams\nA,3\nE99,2\n", ["A"]));
        Assert.Equal("authorities.csv line 3 (E99): code 'E99' is not the authority of any home", unknown.Message);
        var column = Assert.Throws<AuthoritySettingsException>(() => Read("code,team\nA,3\n"));
        Assert.Contains("line 1: unknown column 'team'", column.Message);
        Assert.Throws<AuthoritySettingsException>(() => Read("name,teams\nx,3\n"));
        Assert.Throws<AuthoritySettingsException>(() => Read(""));
    }

    [Fact]
    public void Validate_BadSettings_NameAuthorityFieldAndValue()
    {
        var o = new PlaceKitOptions();
        o.Authorities.Add(new AuthoritySettings("A") { TargetSize = 0, Teams = -2 });
        o.Authorities.Add(new AuthoritySettings("A"));
        var ex = Assert.Throws<OptionsValidationException>(() => PlaceDefiner.Create(o));
        Assert.Contains("Authorities[A].TargetSize", ex.Message);
        Assert.Contains("Authorities[A].Teams", ex.Message);
        Assert.Contains("appears twice", ex.Message);
    }

    /// <summary>
    /// An authority's own target changes its clusters only: every other authority's homes are clustered exactly as
    /// without the setting, and its own exactly as with that target plan-wide (authorities are independent).
    /// </summary>
    [Property(MaxTest = 40, Arbitrary = [typeof(Stocks)])]
    public Property Define_AuthorityTarget_ChangesThatAuthorityOnly(TestStock stock, PositiveInt pick)
    {
        var homes = stock.ToHomeSet();
        string code = homes.Authorities[pick.Get % homes.Authorities.Count];
        int own = Math.Max(1, stock.TargetSize * 3);
        var plain = new PlaceKitOptions { Seed = stock.Seed, Clustering = { TargetSize = stock.TargetSize }, Trimming = { MinHomes = 2, MaxSpreadMeters = 1_500 } };
        var withOwn = plain.Clone();
        withOwn.Authorities.Add(new AuthoritySettings(code) { TargetSize = own, MinHomes = 1, MaxSpreadMeters = 50 });
        var everywhere = plain.Clone();
        everywhere.Clustering.TargetSize = own;
        everywhere.Trimming.MinHomes = 1;
        everywhere.Trimming.MaxSpreadMeters = 50;

        var a = PlaceDefiner.Create(plain).Define(homes);
        var b = PlaceDefiner.Create(withOwn).Define(homes);
        var c = PlaceDefiner.Create(everywhere).Define(homes);
        bool ok = true;
        for (int i = 0; i < homes.Count; i++)
        {
            bool mine = homes.Authorities[homes.AuthorityIndex[i]] == code;
            var reference = mine ? c : a;
            var refCluster = reference.Clusters[reference.ClusterOfHome[i] - 1];
            var got = b.Clusters[b.ClusterOfHome[i] - 1];
            ok &= got.Homes == refCluster.Homes && got.R90Meters == refCluster.R90Meters
                && (b.PlaceOf(i) is null) == (reference.PlaceOf(i) is null);
        }

        return ok.Label($"{stock}; {code} target {own}");
    }

    [Theory]
    [InlineData("null", "Authorities: must not be null")]
    [InlineData("[null]", "every entry must have a code")]
    [InlineData("[{\"code\": \"E1\", \"teams\": 0}]", "Authorities[E1].Teams: must be >= 1, was 0")]
    public void PlanFile_BadAuthoritiesSection_IsAPlanFileErrorNamingIt(string json, string expected)
    {
        var plan = PlaceDefiner.Create().Define(HomeSet.Create(SampleStock.Generate(500, 2, 3)));
        using var stream = new MemoryStream();
        PlanFile.Save(plan, stream);
        string text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        string bad = System.Text.RegularExpressions.Regex.Replace(text, "\"authorities\":\\s*\\[\\s*\\]", "\"authorities\": " + json);
        Assert.NotEqual(text, bad);
        var ex = Assert.Throws<PlanFileException>(() => PlanFile.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bad))));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Trim_UsesEachAuthoritysOwnRules()
    {
        var o = new PlaceKitOptions { Trimming = { MinHomes = 100, MaxSpreadMeters = 1_000 } };
        o.Authorities.Add(new AuthoritySettings("B") { MinHomes = 10, MaxSpreadMeters = 5_000 });
        PlaceKit.Scoring.ClusterScore C(int id, string authority, int homes, double r90) => new()
        {
            ClusterId = id, Authority = authority, Homes = homes, CentreX = 0, CentreY = 0, Hull = NetTopologySuite.Geometries.Point.Empty,
            HullAreaKm2 = 0, DensityPerKm2 = 0, MeanDistanceMeters = 0, R90Meters = r90, Tightness = 0, Rank = id,
        };
        var r = new PlaceTrimmer().Trim([C(1, "A", 50, 2_000), C(2, "B", 50, 2_000)], o);
        Assert.Equal([2], r.Kept.Select(k => k.ClusterId));
        Assert.Equal("too-few-homes: 50 < 100; too-spread: r90 2.0 km > 1.0 km", r.Trimmed.Single().ReasonText);
    }

    [Fact]
    public void Cli_AuthoritiesFile_NamesInEveryOutput_RulesApplied()
    {
        var homes = SampleStock.Sample();
        string code = homes.Authorities[0];
        string dir = Path.Combine(Path.GetTempPath(), "pk-auth-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "authorities.csv");
        File.WriteAllText(file, $"code,name,teams\n{code},Harbourside & Co,2\n");
        string outDir = Path.Combine(dir, "out");
        try
        {
            var (exit, output, err) = CliRunner.Run("define", "--authorities-file", file, "--out", outDir);
            Assert.True(exit == 0, err);
            Assert.Contains("Settings   1 authorities with their own name or rules: Harbourside & Co (" + code + ")", output);
            Assert.Contains("authority_name", File.ReadLines(Path.Combine(outDir, "clusters.csv")).First());
            Assert.Contains($"{code},Harbourside & Co,", File.ReadAllText(Path.Combine(outDir, "homes.csv")));
            Assert.Contains("\"name\": \"Harbourside \\u0026 Co\"", File.ReadAllText(Path.Combine(outDir, "coverage.json")));
            Assert.Contains("Harbourside \\u0026 Co", File.ReadAllText(Path.Combine(outDir, "places.geojson")));
            Assert.Contains($"Harbourside &amp; Co ({code})", File.ReadAllText(Path.Combine(outDir, "report.html")));
            var plan = PlanFile.Load(Path.Combine(outDir, "plan.json"));
            Assert.True(plan.Places.Count(p => p.Authority == code) <= 2);
            Assert.Equal("Harbourside & Co", plan.Options.NameOf(code));

            File.WriteAllText(file, "code,teams\nE99999999,2\nX,lots\n");
            var bad = CliRunner.Run("define", "--authorities-file", file, "--out", outDir, "--force");
            Assert.NotEqual(0, bad.Code);
            Assert.Contains("authorities.csv line 3 (X): teams = 'lots' is not a whole number >= 1", bad.Err);
            File.WriteAllText(file, "code,teams\nE99999999,2\n");
            bad = CliRunner.Run("sweep", "--authorities-file", file);
            Assert.NotEqual(0, bad.Code);
            Assert.Contains("authorities.csv line 2 (E99999999): code 'E99999999' is not the authority of any home", bad.Err);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
