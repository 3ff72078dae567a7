using PlaceKit.Trimming;

namespace PlaceKit.Trimming;

/// <summary>A home that is in no place, and why.</summary>
/// <param name="Index">The home's 0-based index in the <see cref="Homes.HomeSet"/>.</param>
/// <param name="HomeId">The home's id.</param>
/// <param name="Authority">The home's authority.</param>
/// <param name="ClusterId">The cluster the home was in before it was trimmed.</param>
/// <param name="Reasons">Why: the rules its cluster broke.</param>
public sealed record UnplacedHome(int Index, string HomeId, string Authority, int ClusterId, IReadOnlyList<TrimReason> Reasons)
{
    /// <summary>The reasons as one line, separated by "; ".</summary>
    public string ReasonText => string.Join("; ", Reasons);
}
