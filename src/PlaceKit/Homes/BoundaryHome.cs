namespace PlaceKit.Homes;

/// <summary>A home the boundary check reports: one assigned to the nearest boundary, or one whose authority disagrees with the boundary that holds it.</summary>
/// <param name="HomeId">The home id.</param>
/// <param name="Line">Its line in the input (1-based; the position for in-memory input).</param>
/// <param name="Authority">Its authority: from the homes' column, or the nearest boundary's.</param>
/// <param name="BoundaryAuthority">The authority whose boundary holds the home; <see langword="null"/> when none does.</param>
/// <param name="DistanceMeters">For a home assigned to the nearest boundary, its distance to it; 0 otherwise.</param>
public sealed record BoundaryHome(string HomeId, int Line, string Authority, string? BoundaryAuthority, double DistanceMeters);
