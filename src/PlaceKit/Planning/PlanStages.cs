using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PlaceKit.Clustering;
using PlaceKit.Coverage;
using PlaceKit.Homes;
using PlaceKit.Scoring;
using PlaceKit.Territories;
using PlaceKit.Trimming;

namespace PlaceKit.Planning;

/// <summary>
/// The composed stages every plan is made with: a definer's clusterer, scorer, trimmer, coverage calculator and territory builder.
/// Every way of making a plan (define, re-run, edits, loading <c>plan.json</c>, sweep) runs through one of these, so
/// a stage registered with dependency injection is used everywhere.
/// </summary>
/// <remarks>
/// Obtained from <see cref="IPlaceDefiner.Stages"/>; a <see cref="PlacePlan"/> keeps the stages it was made with, so
/// edits and re-runs of that plan use them too. Thread-safe when the stages are.
/// </remarks>
public sealed partial class PlanStages
{
    private readonly ILogger _logger;

    internal PlanStages(IPlaceClusterer clusterer, IDensityScorer scorer, IPlaceTrimmer trimmer, ICoverageCalculator coverage, ITerritoryBuilder territories, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(territories);
        Territories = territories;
        ArgumentNullException.ThrowIfNull(clusterer);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(trimmer);
        ArgumentNullException.ThrowIfNull(coverage);
        Clusterer = clusterer;
        Scorer = scorer;
        Trimmer = trimmer;
        Coverage = coverage;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The clustering stage.</summary>
    public IPlaceClusterer Clusterer { get; }

    /// <summary>The scoring stage.</summary>
    public IDensityScorer Scorer { get; }

    /// <summary>The trimming stage.</summary>
    public IPlaceTrimmer Trimmer { get; }

    /// <summary>The coverage stage.</summary>
    public ICoverageCalculator Coverage { get; }

    /// <summary>The territory stage: builds <see cref="PlacePlan.Territories"/> of every plan made with these stages.</summary>
    public ITerritoryBuilder Territories { get; }

    /// <summary>Clusters (cold or from <paramref name="start"/>), scores, trims and counts: one whole plan.</summary>
    internal PlacePlan Define(HomeSet homes, PlaceKitOptions options, ClusterStart? start, IProgress<PlanProgress>? progress, CancellationToken cancellationToken)
    {
        options = options.Resolved();
        var (clusters, scores, tCluster, tScore) = ClusterAndScore(homes, options, start, progress, cancellationToken);
        var plan = Complete(homes, clusters, scores, options, progress, cancellationToken, tCluster, tScore);
        Stage(PlanStage.Territories, progress, cancellationToken, () => plan.Territories, out _);
        return plan;
    }

    /// <summary>The expensive half of a plan: clustering and scoring (what a sweep shares between trimming rules).</summary>
    internal (ClusterAssignment Clusters, IReadOnlyList<ClusterScore> Scores, TimeSpan TCluster, TimeSpan TScore) ClusterAndScore(
        HomeSet homes, PlaceKitOptions options, ClusterStart? start, IProgress<PlanProgress>? progress, CancellationToken cancellationToken)
    {
        var context = options.Context(progress, cancellationToken);
        var clusters = Stage(PlanStage.Cluster, progress, cancellationToken, () => Clusterer.Cluster(homes, options.Clustering, context, start), out var tCluster);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            foreach (var a in clusters.Authorities) LogAuthority(a.Authority, a.Homes, a.Clusters, a.Inertia, a.Iterations, a.Note);
        }

        var scores = Stage(PlanStage.Score, progress, cancellationToken, () => Scorer.Score(homes, clusters, options.Scoring, context), out var tScore);
        return (clusters, scores, tCluster, tScore);
    }

    /// <summary>Trims, reassigns (when asked), builds places and coverage from a clustering and its scores.</summary>
    internal PlacePlan Complete(HomeSet homes, ClusterAssignment clusters, IReadOnlyList<ClusterScore> scores, PlaceKitOptions options,
        IProgress<PlanProgress>? progress, CancellationToken cancellationToken, TimeSpan tCluster, TimeSpan tScore)
    {
        options = options.Resolved();
        var context = options.Context(progress, cancellationToken);
        var (trimmed, clusterOfHome, allScores, reassigned, places, placeOfHome, unplaced) =
            Stage(PlanStage.Trim, progress, cancellationToken, () => BuildPlaces(homes, clusters, scores, options, context), out var tTrim);
        var coverage = Stage(PlanStage.Coverage, progress, cancellationToken, () => Coverage.Calculate(homes, places, unplaced), out var tCoverage);
        coverage = coverage with { ReassignedHomes = reassigned.Count };
        LogPlan(homes.Count, clusters.ClusterCount, places.Length, coverage.CoverageRatio);
        return new PlacePlan(this, homes, clusterOfHome, placeOfHome, allScores, clusters.Authorities, places, trimmed, unplaced,
            coverage, options.Clone(), new StageTimings(tCluster, tScore, tTrim, tCoverage), reassigned);
    }

    /// <summary>
    /// Rebuilds a plan from a per-home cluster assignment and each cluster's place id or unplaced reasons, with these
    /// stages' scorer and coverage (see <see cref="PlanAssembly"/>): edits, <c>plan.json</c> loading, re-run id carry-over.
    /// </summary>
    internal PlacePlan Rebuild(HomeSet homes, int[] clusterOfHome, string?[] placeOfCluster, IReadOnlyList<TrimReason>?[] reasonsOfCluster,
        IReadOnlyList<AuthorityClustering> previousRuns, PlaceKitOptions options, IReadOnlyList<PlanEdit> edits, PlacePlan? unedited,
        StageTimings? timings = null, IReadOnlySet<string>? locked = null) =>
        PlanAssembly.Build(this, homes, clusterOfHome, placeOfCluster, reasonsOfCluster, previousRuns, options.Resolved(), edits, unedited, timings, locked);

    private (IReadOnlyList<TrimmedCluster> Trimmed, int[] ClusterOfHome, IReadOnlyList<ClusterScore> Scores, IReadOnlyList<ReassignedHome> Reassigned,
        Place[] Places, int[] PlaceOfHome, UnplacedHome[] Unplaced) BuildPlaces(
        HomeSet homes, ClusterAssignment clusters, IReadOnlyList<ClusterScore> scores, PlaceKitOptions options, RunContext context)
    {
        var trim = Trimmer.Trim(scores, options.Trimming, context);
        var clusterOfHome = clusters.ClusterOfHome.ToArray();
        IReadOnlyList<ReassignedHome> reassigned = [];
        if (options.Trimming.Reassign)
        {
            reassigned = Reassigner.Reassign(homes, clusterOfHome, trim, options.Trimming.ReassignMarginMeters);
            if (reassigned.Count > 0) (trim, scores) = Rescore(homes, clusters, clusterOfHome, scores, trim, reassigned, options.Scoring, context);
        }

        var places = new Place[trim.Kept.Count];
        var placeOfCluster = new int[clusters.ClusterCount];
        Array.Fill(placeOfCluster, -1);
        for (int p = 0; p < places.Length; p++)
        {
            places[p] = new Place("P" + (p + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), p + 1, trim.Kept[p]);
            placeOfCluster[trim.Kept[p].ClusterId - 1] = p;
        }

        var reasonsOfCluster = new IReadOnlyList<TrimReason>?[clusters.ClusterCount];
        foreach (var t in trim.Trimmed) reasonsOfCluster[t.Cluster.ClusterId - 1] = t.Reasons;
        var placeOfHome = new int[homes.Count];
        var unplaced = new List<UnplacedHome>();
        for (int i = 0; i < placeOfHome.Length; i++)
        {
            int c = clusterOfHome[i];
            placeOfHome[i] = placeOfCluster[c - 1];
            if (placeOfHome[i] >= 0) continue;
            var reasons = reasonsOfCluster[c - 1]
                ?? throw new InvalidOperationException($"The trimmer neither kept nor trimmed cluster {c}: every cluster must be in exactly one of the two.");
            unplaced.Add(new UnplacedHome(i, homes.Ids[i], homes.Authorities[homes.AuthorityIndex[i]], c, reasons));
        }

        return (trim.Trimmed, clusterOfHome, scores, reassigned, places, placeOfHome, [.. unplaced]);
    }

    /// <summary>
    /// Applies the moves to <paramref name="clusterOfHome"/>, re-scores the places that gained homes (hull, r90,
    /// tightness) with <see cref="Scorer"/> and re-ranks every cluster by tightness; trimmed clusters keep their
    /// measurements from before the moves.
    /// </summary>
    /// <remarks>The scorer sees the clusters after the moves, renumbered without those the moves emptied; the scores of
    /// the gained clusters are taken back under their own ids.</remarks>
    private (TrimResult Trim, IReadOnlyList<ClusterScore> Scores) Rescore(HomeSet homes, ClusterAssignment clusters, int[] clusterOfHome,
        IReadOnlyList<ClusterScore> scores, TrimResult trim, IReadOnlyList<ReassignedHome> moves, ScoringOptions options, RunContext context)
    {
        int k = clusters.ClusterCount;
        var gained = new bool[k];
        foreach (var m in moves)
        {
            clusterOfHome[m.Index] = m.ToClusterId;
            gained[m.ToClusterId - 1] = true;
        }

        // Renumber the clusters that still have homes (an authority's clusters stay consecutive).
        var size = new int[k];
        foreach (int c in clusterOfHome) size[c - 1]++;
        var newId = new int[k];
        var oldId = new List<int>(k);
        for (int c = 0; c < k; c++)
        {
            if (size[c] == 0) continue;
            oldId.Add(c + 1);
            newId[c] = oldId.Count;
        }

        var renumbered = new int[clusterOfHome.Length];
        for (int i = 0; i < renumbered.Length; i++) renumbered[i] = newId[clusterOfHome[i] - 1];
        var authorityOf = new int[oldId.Count];
        var cx = new double[oldId.Count];
        var cy = new double[oldId.Count];
        for (int j = 0; j < oldId.Count; j++)
        {
            authorityOf[j] = clusters.AuthorityOfCluster[oldId[j] - 1];
            cx[j] = clusters.CentreX[oldId[j] - 1];
            cy[j] = clusters.CentreY[oldId[j] - 1];
        }

        var after = Scorer.Score(homes, new ClusterAssignment(renumbered, authorityOf, cx, cy, clusters.Authorities), options, context);
        var all = scores.ToArray();
        for (int c = 0; c < k; c++)
        {
            if (gained[c]) all[c] = after[newId[c] - 1] with { ClusterId = c + 1, Rank = 0 };
        }

        DensityScorer.Rank(all);
        var kept = trim.Kept.Select(x => all[x.ClusterId - 1]).OrderBy(s => s.Rank).ToArray();
        var trimmed = trim.Trimmed.Select(t => t with { Cluster = all[t.Cluster.ClusterId - 1] }).OrderBy(t => t.Cluster.Rank).ToArray();
        return (new TrimResult(kept, trimmed), all);
    }

    private T Stage<T>(PlanStage stage, IProgress<PlanProgress>? progress, CancellationToken ct, Func<T> run, out TimeSpan elapsed)
    {
        ct.ThrowIfCancellationRequested();
        progress?.Report(new PlanProgress(stage, false, TimeSpan.Zero));
        long start = Stopwatch.GetTimestamp();
        var result = run();
        elapsed = Stopwatch.GetElapsedTime(start);
        progress?.Report(new PlanProgress(stage, true, elapsed));
        LogStage(stage, elapsed.TotalMilliseconds);
        return result;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "PlaceKit stage {Stage} took {Milliseconds:0.0} ms")]
    private partial void LogStage(PlanStage stage, double milliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Authority {Authority}: {Homes} homes, k = {Clusters}, inertia {Inertia:0} m², {Iterations} iterations {Note}")]
    private partial void LogAuthority(string authority, int homes, int clusters, double inertia, int iterations, string note);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "PlaceKit defined {Places} places from {Clusters} clusters for {Homes} homes; coverage {Coverage:P1}")]
    private partial void LogPlan(int homes, int clusters, int places, double coverage);
}
