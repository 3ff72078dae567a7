namespace PlaceKit.Planning;

/// <summary>Wall-clock time of each stage of one <see cref="IPlaceDefiner.Define"/> call.</summary>
/// <param name="Cluster">Clustering.</param>
/// <param name="Score">Scoring and ranking.</param>
/// <param name="Trim">Trimming and building places.</param>
/// <param name="Coverage">Coverage.</param>
public sealed record StageTimings(TimeSpan Cluster, TimeSpan Score, TimeSpan Trim, TimeSpan Coverage)
{
    /// <summary>Building territories (zero until <see cref="PlacePlan.Territories"/> has been built; <see cref="IPlaceDefiner.Define"/> builds it).</summary>
    public TimeSpan Territories { get; init; }

    /// <summary>The sum of the stages.</summary>
    public TimeSpan Total => Cluster + Score + Trim + Coverage + Territories;
}
