using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PlaceKit.Clustering;
using PlaceKit.Coverage;
using PlaceKit.DependencyInjection;
using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using static PlaceKit.Tests.Editing.EditingFixtures;
using PlaceKit.Persistence;
using PlaceKit.Trimming;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Planning;

/// <summary>
/// A stage registered with dependency injection is used by every way of making a plan: define, re-run, edits, loading
/// plan.json and sweep (issue 13: four of the five used to make their own default stages).
/// </summary>
public class CustomStageTests
{
    /// <summary>Delegates to the default scorer, marking each score so plans show whose scores they hold, and records each call.</summary>
    private sealed class RecordingScorer : IDensityScorer
    {
        private readonly DensityScorer _inner = new();

        public ConcurrentQueue<int> Calls { get; } = new();

        public IReadOnlyList<ClusterScore> Score(HomeSet homes, ClusterAssignment clusters, ScoringOptions options, RunContext context)
        {
            Calls.Enqueue(clusters.ClusterCount);
            return [.. _inner.Score(homes, clusters, options, context).Select(s => s with { MeanDistanceMeters = -1 })];
        }
    }

    /// <summary>Delegates to the default clusterer and records whether each call had a start.</summary>
    private sealed class RecordingClusterer : IPlaceClusterer
    {
        private readonly PlaceClusterer _inner = new();

        public ConcurrentQueue<bool> Starts { get; } = new();

        public ClusterAssignment Cluster(HomeSet homes, ClusteringOptions options, RunContext context, ClusterStart? start = null)
        {
            Starts.Enqueue(start is not null);
            return _inner.Cluster(homes, options, context, start);
        }
    }

    /// <summary>Counts calls; delegates to the default.</summary>
    private sealed class RecordingCoverage : ICoverageCalculator
    {
        private readonly CoverageCalculator _inner = new();

        public int Calls;

        public CoverageReport Calculate(HomeSet homes, IReadOnlyList<Place> places, IReadOnlyList<UnplacedHome> unplaced)
        {
            Interlocked.Increment(ref Calls);
            return _inner.Calculate(homes, places, unplaced);
        }
    }

    private static bool ScoredByRecorder(PlacePlan plan) => plan.Clusters.Count > 0 && plan.Clusters.All(s => s.MeanDistanceMeters == -1);

    [Fact]
    public void RegisteredStages_AreUsedByDefineRerunEditsLoadAndSweep()
    {
        var scorer = new RecordingScorer();
        var clusterer = new RecordingClusterer();
        var coverage = new RecordingCoverage();
        using var sp = new ServiceCollection()
            .AddSingleton<IDensityScorer>(scorer)
            .AddSingleton<IPlaceClusterer>(clusterer)
            .AddSingleton<ICoverageCalculator>(coverage)
            .AddPlaceKit(o => { o.Clustering.TargetSize = 150; o.Trimming.MinHomes = 50; })
            .BuildServiceProvider();
        var definer = sp.GetRequiredService<IPlaceDefiner>();
        Assert.Same(scorer, definer.Stages.Scorer);
        var all = SampleStock.Generate(3000, 4, 5);
        var (old, @new) = Editing.PlanRerunTests.Churn(all, 0.02, 5);

        // define
        var plan = definer.Define(old);
        Assert.True(ScoredByRecorder(plan));
        Assert.Equal([false], clusterer.Starts);
        Assert.Single(scorer.Calls);
        Assert.Equal(1, coverage.Calls);

        // edits: the plan keeps the stages it was made with
        var edited = PlanEditor.Apply(plan, Edits($"merge,{plan.Places[0].Id};{plan.Places.First(p => p.Authority == plan.Places[0].Authority && p != plan.Places[0]).Id},"));
        Assert.True(ScoredByRecorder(edited));
        Assert.Equal(2, scorer.Calls.Count);

        // plan.json load, with the definer's stages; the loaded plan's edits and re-runs use them too
        using var ms = new MemoryStream();
        PlanFile.Save(edited, ms);
        ms.Position = 0;
        var loaded = PlanFile.Load(ms, definer);
        Assert.True(ScoredByRecorder(loaded));
        Assert.True(scorer.Calls.Count >= 4); // the edited plan and the plan before its edits
        int before = scorer.Calls.Count;

        // re-run: the injected clusterer gets a start, the injected scorer scores
        var rerun = PlanRerun.Define(@new, loaded);
        Assert.True(ScoredByRecorder(rerun.Plan));
        Assert.True(clusterer.Starts.Last());
        Assert.True(scorer.Calls.Count > before);
        before = scorer.Calls.Count;

        // sweep: one clustering and scoring per target, through the definer's stages
        int clusteringsBefore = clusterer.Starts.Count, coverageBefore = coverage.Calls;
        var rows = PlanSweep.Run(definer, old, [150, 300], [50, 100], [2500]);
        Assert.Equal(4, rows.Count);
        Assert.Equal(before + 2, scorer.Calls.Count);
        Assert.Equal(clusteringsBefore + 2, clusterer.Starts.Count);
        Assert.Equal(coverageBefore + 4, coverage.Calls);

        // and the sweep's rows equal define with the same stages
        var direct = definer.Define(old);
        Assert.Equal(direct.Coverage.Places, rows[0].Places);
    }

    [Fact]
    public void PlanWithoutDefiner_UsesTheDefaultStages()
    {
        var plan = SmallPlan();
        using var ms = new MemoryStream();
        PlanFile.Save(plan, ms);
        ms.Position = 0;
        var loaded = PlanFile.Load(ms);
        Assert.IsType<PlaceClusterer>(loaded.Stages.Clusterer);
        Assert.IsType<DensityScorer>(loaded.Stages.Scorer);
        Assert.Equal(plan.Clusters.Select(c => c.Tightness), loaded.Clusters.Select(c => c.Tightness));
    }
}
