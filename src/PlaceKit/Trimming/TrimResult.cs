using PlaceKit.Scoring;

namespace PlaceKit.Trimming;

/// <summary>The trimming stage's result: the clusters kept as places and those trimmed, with reasons.</summary>
/// <param name="Kept">Kept clusters, by rank (tightest first).</param>
/// <param name="Trimmed">Trimmed clusters, by rank, each with at least one reason.</param>
public sealed record TrimResult(IReadOnlyList<ClusterScore> Kept, IReadOnlyList<TrimmedCluster> Trimmed);
