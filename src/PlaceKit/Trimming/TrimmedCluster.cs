using PlaceKit.Scoring;

namespace PlaceKit.Trimming;

/// <summary>A cluster that was not kept as a place, with every rule it broke.</summary>
/// <param name="Cluster">The cluster's score.</param>
/// <param name="Reasons">Every rule it broke, at least one.</param>
public sealed record TrimmedCluster(ClusterScore Cluster, IReadOnlyList<TrimReason> Reasons)
{
    /// <summary>The reasons as one line, separated by "; ".</summary>
    public string ReasonText => string.Join("; ", Reasons);
}
