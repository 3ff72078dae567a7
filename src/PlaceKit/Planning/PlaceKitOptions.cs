using PlaceKit.Clustering;
using PlaceKit.Scoring;
using PlaceKit.Territories;
using PlaceKit.Trimming;

namespace PlaceKit.Planning;

/// <summary>Everything that shapes a plan: the seed, parallelism, and one section per stage.</summary>
/// <remarks>
/// Mutable for binding from configuration; validated by <see cref="PlaceDefiner.Create(PlaceKitOptions?, Microsoft.Extensions.Logging.ILogger{PlaceDefiner}?)"/> and by
/// <c>ValidateOnStart</c> under dependency injection. A plan keeps its own copy (<see cref="Clone"/>).
/// </remarks>
public sealed class PlaceKitOptions
{
    /// <summary>The random seed. The same homes in the same order with the same seed give the same plan.</summary>
    /// <value>Default 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>How many authorities are clustered at once; -1 uses every core. Never changes the result.</summary>
    /// <value>Default -1.</value>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>
    /// What sizes count: homes, or the homes' weights (the <c>weight</c> column; <see cref="PlaceKit.SizeBy"/>). With
    /// <see cref="PlaceKit.SizeBy.Weight"/>, <see cref="ClusteringOptions.TargetSize"/>, <see cref="ClusteringOptions.MinSize"/>/<see cref="ClusteringOptions.MaxSize"/>,
    /// <see cref="TrimmingOptions.MinHomes"/>, the team choice and the teams curve count weight, and k-means uses weighted centres.
    /// </summary>
    /// <value>Default <see cref="PlaceKit.SizeBy.Homes"/>.</value>
    public SizeBy SizeBy { get; set; }

    /// <summary>Clustering options.</summary>
    public ClusteringOptions Clustering { get; set; } = new();

    /// <summary>Scoring options.</summary>
    public ScoringOptions Scoring { get; set; } = new();

    /// <summary>Trimming options.</summary>
    public TrimmingOptions Trimming { get; set; } = new();

    /// <summary>Per-authority names and rules (<see cref="AuthoritySettings"/>), at most one entry per code.</summary>
    /// <value>Default empty: every authority follows the plan-wide options.</value>
    public IList<AuthoritySettings> Authorities { get; set; } = [];

    /// <summary>The settings entry of an authority, if any.</summary>
    /// <param name="code">The authority code.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    public AuthoritySettings? SettingsOf(string code)
    {
        if (Authorities is null) return null;
        foreach (var a in Authorities)
        {
            if (string.Equals(a.Code, code, StringComparison.Ordinal)) return a;
        }

        return null;
    }

    /// <summary>The authority's name, or its code when it has none.</summary>
    /// <param name="code">The authority code.</param>
    /// <returns>The name or the code.</returns>
    public string NameOf(string code) => SettingsOf(code)?.Name is { Length: > 0 } name ? name : code;

    /// <summary>
    /// The options in force for one authority: a copy of these with its <see cref="AuthoritySettings"/> applied
    /// (target size, minimum homes, spread limit, team count); these options themselves when it has no entry.
    /// </summary>
    /// <param name="code">The authority code.</param>
    /// <returns>The effective options; do not modify them.</returns>
    public PlaceKitOptions ForAuthority(string code)
    {
        if (SettingsOf(code) is not { } s) return this;
        var o = Clone();
        if (s.TargetSize is int t) o.Clustering.TargetSize = t;
        if (s.MinHomes is int m) o.Trimming.MinHomes = m;
        if (s.MaxSpreadMeters is double r) o.Trimming.MaxSpreadMeters = r;
        if (s.Teams is int teams) o.Trimming.Teams = teams;
        return o;
    }
    /// <summary>Territory options (the authority area used when no boundary is given).</summary>
    public TerritoryOptions Territories { get; set; } = new();

    /// <summary>
    /// A deep copy with the effective defaults that cross sections filled in, once, where a plan is made:
    /// <see cref="TrimmingOptions.MinHomes"/> = <see cref="ClusteringOptions.TargetSize"/> when unset. Stages and exporters
    /// read the result and never re-derive a default.
    /// </summary>
    /// <remarks>
    /// Per-authority rules (<see cref="Authorities"/>) are resolved into each stage's section too
    /// (<see cref="ClusteringOptions.ByAuthority"/>, <see cref="TrimmingOptions.ByAuthority"/>), so a stage that gets only
    /// its own section still applies them. An authority with its own target and no minimum of its own (nor a plan-wide
    /// one) gets its own target as minimum, written into its settings so that resolving again gives the same rules.
    /// </remarks>
    internal PlaceKitOptions Resolved()
    {
        var o = Clone();
        if (o.Authorities is { Count: > 0 } list)
        {
            for (int i = 0; i < list.Count; i++)
            {
                if (list[i] is { TargetSize: int t, MinHomes: null } a && o.Trimming.MinHomes is null) list[i] = a with { MinHomes = t };
            }
        }

        o.Trimming.MinHomes ??= o.Clustering.TargetSize;
        o.Clustering = o.Clustering with { SizeBy = o.SizeBy };
        o.Trimming = o.Trimming with { SizeBy = o.SizeBy };
        var clustering = new Dictionary<string, ClusteringOptions>(StringComparer.Ordinal);
        var trimming = new Dictionary<string, TrimmingOptions>(StringComparer.Ordinal);
        var plain = o.Trimming with { ByAuthority = TrimmingOptions.None };
        var plainClustering = o.Clustering with { ByAuthority = ClusteringOptions.None };
        if (o.Authorities is { Count: > 0 })
        {
            foreach (var a in o.Authorities)
            {
                if (a is null) continue;
                clustering[a.Code] = plainClustering with { TargetSize = a.TargetSize ?? plainClustering.TargetSize };
                trimming[a.Code] = plain with
                {
                    MinHomes = a.MinHomes ?? plain.MinHomes,
                    MaxSpreadMeters = a.MaxSpreadMeters ?? plain.MaxSpreadMeters,
                    Teams = a.Teams, // the authority's own pool, or null: the plan-wide count
                };
            }
        }

        // Each per-authority section has no map of its own.
        o.Clustering = plainClustering with { ByAuthority = clustering.AsReadOnly() };
        o.Trimming = plain with { ByAuthority = trimming.AsReadOnly() };
        return o;
    }

    /// <summary>The run context for these options: seed and parallelism, with the caller's progress and cancellation.</summary>
    internal RunContext Context(IProgress<PlanProgress>? progress, CancellationToken cancellationToken) =>
        new() { Seed = Seed, MaxDegreeOfParallelism = MaxDegreeOfParallelism, Progress = progress, CancellationToken = cancellationToken };

    /// <summary>A deep copy.</summary>
    /// <returns>An independent copy of these options.</returns>
    public PlaceKitOptions Clone() => new()
    {
        Seed = Seed,
        MaxDegreeOfParallelism = MaxDegreeOfParallelism,
        SizeBy = SizeBy,
        Clustering = Clustering with { },
        Scoring = Scoring with { },
        Trimming = Trimming with { },
        Authorities = Authorities is null ? null! : [.. Authorities], // null stays null, for the validator to name
        Territories = Territories with { },
    };
}
