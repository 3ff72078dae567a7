using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using PlaceKit.Trimming;

namespace PlaceKit.Tests.Support;

/// <summary>Calls a stage with a whole <see cref="PlaceKitOptions"/>, as a definer does: the stage's own section (defaults resolved) and the run context.</summary>
internal static class StageCalls
{
    internal static ClusterAssignment Cluster(this IPlaceClusterer clusterer, HomeSet homes, PlaceKitOptions options, ClusterStart? start = null, CancellationToken cancellationToken = default)
    {
        var o = options.Resolved();
        return clusterer.Cluster(homes, o.Clustering, o.Context(null, cancellationToken), start);
    }

    internal static IReadOnlyList<ClusterScore> Score(this IDensityScorer scorer, HomeSet homes, ClusterAssignment clusters, PlaceKitOptions options)
    {
        var o = options.Resolved();
        return scorer.Score(homes, clusters, o.Scoring, o.Context(null, default));
    }

    internal static TrimResult Trim(this IPlaceTrimmer trimmer, IReadOnlyList<ClusterScore> clusters, PlaceKitOptions options)
    {
        var o = options.Resolved();
        return trimmer.Trim(clusters, o.Trimming, o.Context(null, default));
    }
}
