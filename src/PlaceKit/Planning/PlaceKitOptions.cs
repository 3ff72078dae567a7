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

    /// <summary>Clustering options.</summary>
    public ClusteringOptions Clustering { get; set; } = new();

    /// <summary>Scoring options.</summary>
    public ScoringOptions Scoring { get; set; } = new();

    /// <summary>Trimming options.</summary>
    public TrimmingOptions Trimming { get; set; } = new();

    /// <summary>Territory options (the authority area used when no boundary is given).</summary>
    public TerritoryOptions Territories { get; set; } = new();

    /// <summary>
    /// A deep copy with the effective defaults that cross sections filled in, once, where a plan is made:
    /// <see cref="TrimmingOptions.MinHomes"/> = <see cref="ClusteringOptions.TargetSize"/> when unset. Stages and exporters
    /// read the result and never re-derive a default.
    /// </summary>
    internal PlaceKitOptions Resolved()
    {
        var o = Clone();
        o.Trimming.MinHomes ??= o.Clustering.TargetSize;
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
        Clustering = Clustering with { },
        Scoring = Scoring with { },
        Trimming = Trimming with { },
        Territories = Territories with { },
    };
}
