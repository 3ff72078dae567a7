namespace PlaceKit.Trimming;

/// <summary>A home of a trimmed cluster that joined a kept place because it lies within the place's reach.</summary>
/// <param name="Index">The home's 0-based index in the <see cref="Homes.HomeSet"/>.</param>
/// <param name="HomeId">The home's id.</param>
/// <param name="Authority">The home's authority (the place's too: reassignment never crosses an authority).</param>
/// <param name="FromClusterId">The trimmed cluster the home was in.</param>
/// <param name="ToClusterId">The kept cluster (place) it joined.</param>
/// <param name="DistanceMeters">Its distance from the place's centre (before re-scoring), metres.</param>
/// <param name="ReachMeters">The place's reach: its r90 before re-scoring plus the margin, metres; never less than the distance.</param>
public sealed record ReassignedHome(int Index, string HomeId, string Authority, int FromClusterId, int ToClusterId, double DistanceMeters, double ReachMeters)
{
    /// <summary>The record a moved home carries, e.g. <c>reassigned-from: cluster 17</c>.</summary>
    public string Note => "reassigned-from: cluster " + FromClusterId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
