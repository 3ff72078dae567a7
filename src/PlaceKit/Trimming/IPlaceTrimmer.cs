using PlaceKit.Planning;
using PlaceKit.Scoring;

namespace PlaceKit.Trimming;

/// <summary>The trimming stage: decides which clusters are kept as places and says why the others are not.</summary>
public interface IPlaceTrimmer
{
    /// <summary>Splits scored clusters into kept and trimmed.</summary>
    /// <param name="clusters">Every scored cluster.</param>
    /// <param name="options">The plan's options (<see cref="PlaceKitOptions.Trimming"/>, and the target size as the default minimum).</param>
    /// <returns>Kept and trimmed clusters; every input cluster is in exactly one of the two.</returns>
    TrimResult Trim(IReadOnlyList<ClusterScore> clusters, PlaceKitOptions options);
}
