namespace PlaceKit.Planning;

/// <summary>A place in both plans whose number of homes changed.</summary>
/// <param name="PlaceId">The place id.</param>
/// <param name="Before">Homes in the first plan.</param>
/// <param name="After">Homes in the second plan.</param>
public sealed record PlaceResize(string PlaceId, int Before, int After);
