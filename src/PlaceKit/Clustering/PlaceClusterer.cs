using PlaceKit.Homes;

namespace PlaceKit.Clustering;

/// <summary>
/// The default <see cref="IPlaceClusterer"/>: runs the built-in algorithm <see cref="ClusteringOptions.Algorithm"/>
/// names, <see cref="KMeansClusterer"/> or <see cref="SizeConstrainedClusterer"/>, cold or from a <see cref="ClusterStart"/>.
/// </summary>
/// <remarks>
/// A clusterer registered in its place (dependency injection, or the <c>PlaceDefiner</c> constructor) replaces both;
/// it then decides what <see cref="ClusteringOptions.Algorithm"/> means. Stateless and thread-safe; deterministic as the
/// algorithm it runs.
/// </remarks>
public sealed class PlaceClusterer : IPlaceClusterer
{
    private readonly KMeansClusterer _kMeans = new();
    private readonly SizeConstrainedClusterer _sizeConstrained = new();

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public ClusterAssignment Cluster(HomeSet homes, ClusteringOptions options, RunContext context, ClusterStart? start = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Algorithm == ClusteringAlgorithm.SizeConstrained
            ? _sizeConstrained.Cluster(homes, options, context, start)
            : _kMeans.Cluster(homes, options, context, start);
    }
}
