using System.Text.Json.Serialization;

namespace PlaceKit.Clustering;

/// <summary>Options of the clustering stage.</summary>
public sealed record ClusteringOptions
{
    /// <summary>The average number of homes a cluster should have: each authority gets k = max(1, round(n / TargetSize)) clusters.</summary>
    /// <value>Default 450, the minimum one dedicated neighbourhood team serves.</value>
    public int TargetSize { get; set; } = 450;

    /// <summary>The most k-means iterations per run; a run stops earlier when no home changes cluster or centres stop moving.</summary>
    /// <value>Default 300.</value>
    public int MaxIterations { get; set; } = 300;

    /// <summary>Convergence tolerance: a run stops when the largest squared centre shift is below Tolerance × the authority's mean variance.</summary>
    /// <value>Default 1e-4 (as scikit-learn); 0 means run until no home changes cluster.</value>
    public double Tolerance { get; set; } = 1e-4;

    /// <summary>How many k-means++ runs per authority; the one with the lowest inertia wins.</summary>
    /// <value>
    /// Default <see langword="null"/>: automatic, for <see cref="ClusteringAlgorithm.KMeans"/> 3 runs for an authority whose homes × clusters is at most 2^20 (about
    /// 2,300 clusters' worth of homes at k = 1; every authority of a national stock at the default target), where a run
    /// costs well under a millisecond and the best of three is clearly lower than one run (and than scikit-learn's
    /// single run), else 1 (one huge authority keeps one run); 1 for the size-constrained algorithm's first pass and
    /// for radius bisections. A number is used as given, for every authority.
    /// </value>
    public int? Restarts { get; set; }

    /// <summary>The runs <see cref="Restarts"/> null gives a small authority.</summary>
    internal const int AutoRestarts = 3;

    /// <summary>The largest homes × clusters for which <see cref="Restarts"/> null gives <see cref="AutoRestarts"/> runs.</summary>
    internal const long AutoRestartsMaxWork = 1L << 20;

    /// <summary>The k-means++ runs for an authority of <paramref name="homes"/> homes and <paramref name="clusters"/> clusters.</summary>
    internal int RunsFor(int homes, int clusters) =>
        Restarts ?? ((long)homes * clusters <= AutoRestartsMaxWork ? AutoRestarts : 1);

    /// <summary>Which built-in clusterer <see cref="Planning.PlaceDefiner"/> uses (a custom <see cref="IPlaceClusterer"/> registered with dependency injection replaces both).</summary>
    /// <value>Default <see cref="ClusteringAlgorithm.KMeans"/>.</value>
    public ClusteringAlgorithm Algorithm { get; set; } = ClusteringAlgorithm.KMeans;

    /// <summary>The fewest homes (the least weight, when <see cref="SizeBy"/> is <see cref="PlaceKit.SizeBy.Weight"/>) a cluster may have with <see cref="ClusteringAlgorithm.SizeConstrained"/>.</summary>
    /// <value>Default <see langword="null"/>: max(1, TargetSize / 2).</value>
    public int? MinSize { get; set; }

    /// <summary>The most homes (the most weight, when <see cref="SizeBy"/> is <see cref="PlaceKit.SizeBy.Weight"/>) a cluster may have with <see cref="ClusteringAlgorithm.SizeConstrained"/>.</summary>
    /// <value>Default <see langword="null"/>: 2 × TargetSize.</value>
    public int? MaxSize { get; set; }

    /// <summary>
    /// The largest r90 (metres) a cluster may have before scoring: wider clusters are bisected by k-means (k = 2),
    /// again and again, until each piece is within the limit or sits on one location.
    /// Applies to both algorithms; a split piece may fall below <see cref="MinSize"/>.
    /// </summary>
    /// <value>Default <see langword="null"/>: no limit.</value>
    public double? MaxRadiusMeters { get; set; }

    /// <summary>What sizes count (homes or weight), from <c>PlaceKitOptions.SizeBy</c>.</summary>
    /// <value>Set by the definer when it resolves the options; default <see cref="PlaceKit.SizeBy.Homes"/>.</value>
    [JsonIgnore] // derived from PlaceKitOptions.SizeBy, which plan.json keeps
    public SizeBy SizeBy { get; internal init; }

    /// <summary>
    /// The sections of the authorities that have their own rules (<c>PlaceKitOptions.Authorities</c>, e.g. their own
    /// target size), by authority code: each is this section with the authority's settings applied.
    /// </summary>
    /// <value>Filled by the definer when it resolves the options; empty when every authority follows this section.</value>
    [JsonIgnore] // derived from PlaceKitOptions.Authorities, which plan.json keeps
    public IReadOnlyDictionary<string, ClusteringOptions> ByAuthority { get; internal init; } = None;

    /// <summary>The clustering options in force for one authority: its own section (<see cref="ByAuthority"/>) or this one.</summary>
    /// <param name="code">The authority code.</param>
    /// <returns>The section to apply; do not modify it.</returns>
    public ClusteringOptions ForAuthority(string code) =>
        ByAuthority.TryGetValue(code, out var own) ? own : this;

    /// <summary>An empty <see cref="ByAuthority"/>.</summary>
    internal static readonly IReadOnlyDictionary<string, ClusteringOptions> None =
        new Dictionary<string, ClusteringOptions>(StringComparer.Ordinal).AsReadOnly();
}
