using PlaceKit.Homes;

namespace PlaceKit.Clustering;

/// <summary>The clustering stage: splits each authority's homes into clusters. A cluster never crosses an authority border.</summary>
public interface IPlaceClusterer
{
    /// <summary>Clusters the homes, authority by authority.</summary>
    /// <param name="homes">The homes.</param>
    /// <param name="options">The clustering options.</param>
    /// <param name="context">The run's seed, parallelism, cancellation (checked between authorities) and progress.</param>
    /// <param name="start">Centres to start from (a previous plan's, for a re-run); null for a cold start. An
    /// implementation should honour it as <see cref="ClusterStart"/> describes, keeping every rule the options set.</param>
    /// <returns>Every home's cluster, and each cluster's authority and centre.</returns>
    ClusterAssignment Cluster(HomeSet homes, ClusteringOptions options, RunContext context, ClusterStart? start = null);
}
