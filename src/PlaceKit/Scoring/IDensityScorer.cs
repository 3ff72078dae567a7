using PlaceKit.Clustering;
using PlaceKit.Homes;

namespace PlaceKit.Scoring;

/// <summary>The scoring stage: measures each cluster and ranks them by tightness.</summary>
public interface IDensityScorer
{
    /// <summary>Scores every cluster.</summary>
    /// <param name="homes">The homes.</param>
    /// <param name="clusters">The clustering stage's result.</param>
    /// <param name="options">The scoring options.</param>
    /// <param name="context">The run's parallelism, cancellation and progress.</param>
    /// <returns>One score per cluster, in cluster-id order (index c - 1 for cluster c).</returns>
    IReadOnlyList<ClusterScore> Score(HomeSet homes, ClusterAssignment clusters, ScoringOptions options, RunContext context);
}
