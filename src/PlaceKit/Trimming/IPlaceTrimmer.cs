using PlaceKit.Scoring;

namespace PlaceKit.Trimming;

/// <summary>The trimming stage: decides which clusters are kept as places and says why the others are not.</summary>
public interface IPlaceTrimmer
{
    /// <summary>Splits scored clusters into kept and trimmed.</summary>
    /// <param name="clusters">Every scored cluster.</param>
    /// <param name="options">The trimming options, defaults resolved (<see cref="TrimmingOptions.MinHomes"/> set).</param>
    /// <param name="context">The run's parallelism, cancellation and progress.</param>
    /// <returns>Kept and trimmed clusters; every input cluster is in exactly one of the two.</returns>
    TrimResult Trim(IReadOnlyList<ClusterScore> clusters, TrimmingOptions options, RunContext context);
}
