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
