using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlaceKit.DependencyInjection;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Planning;

public class PlaceDefinerTests
{
    private static PlacePlan Define(TestStock stock, int threads = -1, double maxSpread = 2500) =>
        PlaceDefiner.Create(new PlaceKitOptions
        {
            Seed = stock.Seed,
            MaxDegreeOfParallelism = threads,
            Clustering = { TargetSize = stock.TargetSize },
            Trimming = { MaxSpreadMeters = maxSpread },
        }).Define(stock.ToHomeSet());

    [Property(MaxTest = 150, Arbitrary = [typeof(Stocks)])]
    public Property Define_EveryHomeInExactlyOnePlaceOrUnplaced(TestStock stock)
    {
        var plan = Define(stock, maxSpread: 500);
        int n = stock.Homes.Length;
        var seen = new int[n];
        for (int p = 0; p < plan.Places.Count; p++)
        {
            foreach (int i in plan.HomesOf(p))
            {
                seen[i]++;
                if (plan.PlaceIndexOfHome[i] != p) return false.Label($"home {i} listed in place {p} but mapped to {plan.PlaceIndexOfHome[i]}");
            }

            if (plan.HomesOf(p).Length != plan.Places[p].Homes) return false.Label($"place {p} size mismatch");
        }

        foreach (var u in plan.Unplaced)
        {
            seen[u.Index]++;
            if (u.Reasons.Count == 0) return false.Label($"unplaced home {u.HomeId} has no reason");
            if (plan.PlaceIndexOfHome[u.Index] != -1) return false.Label("unplaced home mapped to a place");
        }

        return seen.All(s => s == 1).Label(stock.ToString())
            .Classify(plan.Places.Count > 0 && plan.Unplaced.Count > 0, "some placed, some unplaced")
            .Classify(plan.Trimmed.Any(t => t.Reasons.Count == 2), "cluster broke both rules");
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Stocks)])]
    public Property Define_NoPlaceCrossesAnAuthority_TrimmedAlwaysHaveReasons_RanksArePermutation(TestStock stock)
    {
        var plan = Define(stock);
        var homes = plan.Homes;
        bool ok = true;
        for (int p = 0; p < plan.Places.Count; p++)
        {
            foreach (int i in plan.HomesOf(p)) ok &= homes.Authorities[homes.AuthorityIndex[i]] == plan.Places[p].Authority;
        }

        ok &= plan.Trimmed.All(t => t.Reasons.Count > 0);
        ok &= plan.Clusters.Select(c => c.Rank).Order().SequenceEqual(Enumerable.Range(1, plan.Clusters.Count));
        ok &= plan.Places.Select(p => p.Rank).SequenceEqual(Enumerable.Range(1, plan.Places.Count));
        ok &= plan.Places.Count + plan.Trimmed.Count == plan.Clusters.Count;
        return ok.Label(stock.ToString());
    }

    /// <summary>
    /// The stock CI drew (1,101 homes in 3 authorities, target 7): the Voronoi cells of one place missed each other by
    /// an ulp and the coverage union threw "side location conflict" while building territories.
    /// </summary>
    [Property(MaxTest = 1, Replay = "7108296231631229005,15859357608334732419,22", Arbitrary = [typeof(Stocks)])]
    public Property Define_ReplayOfTheStockWhoseCellsDidNotMeetExactly(TestStock stock)
        => Define_NoPlaceCrossesAnAuthority_TrimmedAlwaysHaveReasons_RanksArePermutation(stock);

    [Property(MaxTest = 40, Arbitrary = [typeof(Stocks)])]
    public bool Define_SamePlanAtOneAndManyThreads(TestStock stock)
    {
        var one = Define(stock, threads: 1);
        var many = Define(stock, threads: 6);
        return one.ClusterOfHome.SequenceEqual(many.ClusterOfHome)
            && one.PlaceIndexOfHome.SequenceEqual(many.PlaceIndexOfHome)
            && one.Clusters.Select(c => (c.Rank, c.Tightness, c.R90Meters)).SequenceEqual(many.Clusters.Select(c => (c.Rank, c.Tightness, c.R90Meters)));
    }

    [Fact]
    public void Define_SampleStock_KeepsOptionsAndSeedAndTimings()
    {
        var options = new PlaceKitOptions { Seed = 7 };
        var plan = PlaceDefiner.Create(options).Define(SampleStock.Sample());
        options.Seed = 8; // later changes do not leak into the plan
        Assert.Equal(7, plan.Seed);
        Assert.Equal(450, plan.Options.Clustering.TargetSize);
        Assert.True(plan.Timings.Total > TimeSpan.Zero);
        Assert.InRange(plan.Places.Count, 10, 60);
    }

    [Fact]
    public void Define_ReportsEachStageStartAndFinish()
    {
        var seen = new List<PlanProgress>();
        PlaceDefiner.Create().Define(HomeSet.Create(SampleStock.Generate(2000, 2, 1)), new SyncProgress(seen.Add));
        Assert.Equal(
            [(PlanStage.Cluster, false), (PlanStage.Cluster, true), (PlanStage.Score, false), (PlanStage.Score, true), (PlanStage.Trim, false), (PlanStage.Trim, true), (PlanStage.Coverage, false), (PlanStage.Coverage, true), (PlanStage.Territories, false), (PlanStage.Territories, true)],
            seen.Select(p => (p.Stage, p.Done)));
    }

    [Fact]
    public void Create_InvalidOptions_NamesEveryFieldAndValue()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => PlaceDefiner.Create(new PlaceKitOptions
        {
            MaxDegreeOfParallelism = 0,
            Clustering = { TargetSize = 0, Restarts = 0, Tolerance = double.NaN },
            Scoring = { MinRadiusMeters = -1 },
            Trimming = { MinHomes = -5, MaxSpreadMeters = double.NaN },
        }));
        Assert.Equal(
            [
                "Property MaxDegreeOfParallelism: must be -1 (all cores) or > 0, was 0",
                "Property Clustering.TargetSize: must be >= 1, was 0",
                "Property Clustering.Tolerance: must be a finite number >= 0, was NaN",
                "Property Clustering.Restarts: must be >= 1, was 0",
                "Property Scoring.MinRadiusMeters: must be a finite number > 0, was -1",
                "Property Trimming.MinHomes: must be >= 1, was -5",
                "Property Trimming.MaxSpreadMeters: must be a finite number > 0 (for no limit give a large number such as 1e9), was NaN",
            ],
            ex.Failures);
    }

    [Fact]
    public void AddPlaceKit_ResolvesDefinerWithConfiguredOptions()
    {
        using var sp = new ServiceCollection().AddPlaceKit(o => o.Clustering.TargetSize = 300).BuildServiceProvider();
        var definer = sp.GetRequiredService<IPlaceDefiner>();
        Assert.Equal(300, definer.Options.Clustering.TargetSize);
        var plan = definer.Define(HomeSet.Create(SampleStock.Generate(3000, 2, 2)));
        Assert.Equal(3000, plan.Coverage.TotalHomes);
    }

    [Fact]
    public void AddPlaceKit_InvalidOptions_FailValidation()
    {
        using var sp = new ServiceCollection().AddPlaceKit(o => o.Clustering.TargetSize = -1).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<PlaceKitOptions>>().Value);
        Assert.Contains("Clustering.TargetSize: must be >= 1, was -1", ex.Message);
    }

    [Fact]
    public void AddPlaceKit_FromConfiguration_BindsNestedSectionsAndValidates()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PlaceKit:Seed"] = "7",
            ["PlaceKit:Clustering:TargetSize"] = "321",
            ["PlaceKit:Trimming:MaxSpreadMeters"] = "1800",
            ["PlaceKit:Trimming:MinHomes"] = "200",
        }).Build();
        using var sp = new ServiceCollection().AddPlaceKit(config.GetSection("PlaceKit")).BuildServiceProvider();
        var options = sp.GetRequiredService<IPlaceDefiner>().Options;
        Assert.Equal((7, 321, 1800.0, 200), (options.Seed, options.Clustering.TargetSize, options.Trimming.MaxSpreadMeters, options.Trimming.MinHomes!.Value));

        var bad = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Clustering:Restarts"] = "0" }).Build();
        using var sp2 = new ServiceCollection().AddPlaceKit(bad).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => sp2.GetRequiredService<IPlaceDefiner>());
        Assert.Contains("Clustering.Restarts: must be >= 1, was 0", ex.Message);
    }

    [Fact]
    public void AddPlaceKit_Twice_RegistersOneValidator()
    {
        var services = new ServiceCollection().AddPlaceKit().AddPlaceKit();
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<PlaceKitOptions>));
    }

    [Fact]
    public void Define_LogsStageTimingsAtInformationAndAuthoritiesAtDebug()
    {
        var logger = new ListLogger();
        PlaceDefiner.Create(null, logger).Define(HomeSet.Create(SampleStock.Generate(3000, 3, 4)));
        Assert.Equal(5, logger.Entries.Count(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Information && e.Message.StartsWith("PlaceKit stage", StringComparison.Ordinal)));
        Assert.Equal(3, logger.Entries.Count(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug && e.Message.StartsWith("Authority E0", StringComparison.Ordinal)));
        Assert.Contains(logger.Entries, e => e.Message.Contains("places from", StringComparison.Ordinal));
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<PlaceDefiner>
    {
        public List<(Microsoft.Extensions.Logging.LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }

    private sealed class SyncProgress(Action<PlanProgress> report) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => report(value);
    }
}
