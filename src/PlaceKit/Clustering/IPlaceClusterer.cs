using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Clustering;

/// <summary>The clustering stage: splits each authority's homes into clusters. A cluster never crosses an authority border.</summary>
public interface IPlaceClusterer
{
    /// <summary>Clusters the homes, authority by authority.</summary>
    /// <param name="homes">The homes.</param>
    /// <param name="options">The plan's options (seed, parallelism, <see cref="PlaceKitOptions.Clustering"/>).</param>
    /// <param name="cancellationToken">Cancels the run between authorities.</param>
    /// <returns>Every home's cluster, and each cluster's authority and centre.</returns>
    ClusterAssignment Cluster(HomeSet homes, PlaceKitOptions options, CancellationToken cancellationToken = default);
}
