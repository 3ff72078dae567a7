using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlaceKit.Clustering;
using PlaceKit.Coverage;
using PlaceKit.Homes;
using PlaceKit.Scoring;
using PlaceKit.Territories;
using PlaceKit.Trimming;

namespace PlaceKit.Planning;

/// <summary>The default <see cref="IPlaceDefiner"/>: clusterer, scorer, trimmer and coverage calculator, composed.</summary>
/// <remarks>
/// Use <see cref="Create(PlaceKitOptions?, ILogger{PlaceDefiner}?)"/> in scripts and notebooks, or <c>services.AddPlaceKit()</c> with
/// dependency injection. Thread-safe: <see cref="Define"/> may run concurrently.
/// </remarks>
public sealed partial class PlaceDefiner : IPlaceDefiner
{
    private readonly ILogger _logger;
    private readonly IPlaceClusterer _clusterer;
    private readonly IDensityScorer _scorer;
    private readonly IPlaceTrimmer _trimmer;
    private readonly ICoverageCalculator _coverage;
    private readonly ITerritoryBuilder _territories;

    /// <summary>Creates a definer from its stages (the constructor dependency injection uses).</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="clusterer">The clustering stage.</param>
    /// <param name="scorer">The scoring stage.</param>
    /// <param name="trimmer">The trimming stage.</param>
    /// <param name="coverage">The coverage stage.</param>
    /// <param name="territories">The territory stage.</param>
    /// <param name="logger">Receives stage timings (Information) and per-authority clustering detail (Debug); may be null.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="logger"/> is null.</exception>
    public PlaceDefiner(IOptions<PlaceKitOptions> options, IPlaceClusterer clusterer, IDensityScorer scorer, IPlaceTrimmer trimmer, ICoverageCalculator coverage,
        ITerritoryBuilder territories, ILogger<PlaceDefiner>? logger = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterer);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(trimmer);
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(territories);
        Options = options.Value.Clone();
        _clusterer = clusterer;
        _scorer = scorer;
        _trimmer = trimmer;
        _coverage = coverage;
        _territories = territories;
    }

    /// <inheritdoc />
    public PlaceKitOptions Options { get; }

    /// <summary>Creates a definer with the default stages, without dependency injection.</summary>
    /// <param name="options">The options; <see langword="null"/> for defaults. Copied, so later changes do not affect the definer.</param>
    /// <param name="logger">Receives stage timings and per-authority detail; may be null.</param>
    /// <returns>The definer.</returns>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names every bad field and value.</exception>
    public static PlaceDefiner Create(PlaceKitOptions? options = null, ILogger<PlaceDefiner>? logger = null)
    {
        var o = (options ?? new PlaceKitOptions()).Clone();
        Validate(o);
        return new PlaceDefiner(Microsoft.Extensions.Options.Options.Create(o), new KMeansClusterer(), new DensityScorer(), new PlaceTrimmer(), new CoverageCalculator(), new VoronoiTerritoryBuilder(), logger);
    }

    /// <summary>Validates options as <see cref="Create(PlaceKitOptions?, ILogger{PlaceDefiner}?)"/> and <c>ValidateOnStart</c> do.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names every bad field and value.</exception>
    public static void Validate(PlaceKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new PlaceKitOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(PlaceKitOptions), result.Failures);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="homes"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public PlacePlan Define(HomeSet homes, IProgress<PlanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(homes);
        var options = Options;
        var clusterer = ClustererFor(options);
        var clusters = Stage(PlanStage.Cluster, progress, cancellationToken, () => clusterer.Cluster(homes, options, cancellationToken), out var tCluster);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            foreach (var a in clusters.Authorities) LogAuthority(a.Authority, a.Homes, a.Clusters, a.Inertia, a.Iterations, a.Note);
        }

        var scores = Stage(PlanStage.Score, progress, cancellationToken, () => _scorer.Score(homes, clusters, options, cancellationToken), out var tScore);
        var plan = Complete(homes, clusters, scores, options, progress, cancellationToken, tCluster, tScore);
        Stage(PlanStage.Territories, progress, cancellationToken, () => plan.Territories, out _);
        return plan;
    }

    /// <summary>
    /// The clusterer for the options: the injected one, except that the default <see cref="KMeansClusterer"/> gives way
    /// to <see cref="SizeConstrainedClusterer"/> when <see cref="ClusteringOptions.Algorithm"/> asks for it.
    /// </summary>
    internal IPlaceClusterer ClustererFor(PlaceKitOptions options) =>
        options.Clustering.Algorithm == ClusteringAlgorithm.SizeConstrained && _clusterer is KMeansClusterer ? new SizeConstrainedClusterer() : _clusterer;

    internal IDensityScorer Scorer => _scorer;

    /// <summary>The composed territory stage, carried by every plan this definer makes.</summary>
    internal ITerritoryBuilder TerritoryBuilder => _territories;

    /// <summary>Trims, reassigns (when asked), builds places and coverage from a clustering and its scores.</summary>
    internal PlacePlan Complete(HomeSet homes, ClusterAssignment clusters, IReadOnlyList<ClusterScore> scores, PlaceKitOptions options,
        IProgress<PlanProgress>? progress, CancellationToken cancellationToken, TimeSpan tCluster, TimeSpan tScore)
    {
        var (trimmed, clusterOfHome, allScores, reassigned, places, placeOfHome, unplaced) =
            Stage(PlanStage.Trim, progress, cancellationToken, () => BuildPlaces(homes, clusters, scores, options), out var tTrim);
        var coverage = Stage(PlanStage.Coverage, progress, cancellationToken, () => _coverage.Calculate(homes, places, unplaced), out var tCoverage);
        coverage = coverage with { ReassignedHomes = reassigned.Count };
        LogPlan(homes.Count, clusters.ClusterCount, places.Length, coverage.CoverageRatio);
        return new PlacePlan(homes, clusterOfHome, placeOfHome, allScores, clusters.Authorities, places, trimmed, unplaced,
            coverage, options.Clone(), new StageTimings(tCluster, tScore, tTrim, tCoverage), reassigned, _territories);
    }

    private (IReadOnlyList<TrimmedCluster> Trimmed, int[] ClusterOfHome, IReadOnlyList<ClusterScore> Scores, IReadOnlyList<ReassignedHome> Reassigned,
        Place[] Places, int[] PlaceOfHome, UnplacedHome[] Unplaced) BuildPlaces(
        HomeSet homes, ClusterAssignment clusters, IReadOnlyList<ClusterScore> scores, PlaceKitOptions options)
    {
        var trim = _trimmer.Trim(scores, options);
        var clusterOfHome = clusters.ClusterOfHome.ToArray();
        IReadOnlyList<ReassignedHome> reassigned = [];
        if (options.Trimming.Reassign)
        {
            reassigned = Reassigner.Reassign(homes, clusterOfHome, trim, options.Trimming.ReassignMarginMeters);
            if (reassigned.Count > 0) (trim, scores) = Rescore(homes, clusterOfHome, scores, trim, reassigned, options);
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
    /// tightness) and re-ranks every cluster; trimmed clusters keep their measurements from before the moves.
    /// </summary>
    private static (TrimResult Trim, IReadOnlyList<ClusterScore> Scores) Rescore(HomeSet homes, int[] clusterOfHome, IReadOnlyList<ClusterScore> scores,
        TrimResult trim, IReadOnlyList<ReassignedHome> moves, PlaceKitOptions options)
    {
        var gained = new HashSet<int>();
        foreach (var m in moves)
        {
            clusterOfHome[m.Index] = m.ToClusterId;
            gained.Add(m.ToClusterId);
        }

        var members = new Dictionary<int, List<int>>();
        foreach (int c in gained) members[c] = [];
        for (int i = 0; i < clusterOfHome.Length; i++)
        {
            if (members.TryGetValue(clusterOfHome[i], out var list)) list.Add(i);
        }

        var all = scores.ToArray();
        foreach (var (c, list) in members)
        {
            all[c - 1] = DensityScorer.ScoreOne(homes, list.ToArray(), c, all[c - 1].Authority, options.Scoring.MinRadiusMeters);
        }

        DensityScorer.Rank(all);
        var kept = trim.Kept.Select(k => all[k.ClusterId - 1]).OrderBy(s => s.Rank).ToArray();
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
