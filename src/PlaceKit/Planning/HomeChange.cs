namespace PlaceKit.Planning;

/// <summary>A home whose place differs between two plans.</summary>
/// <param name="HomeId">The home's id.</param>
/// <param name="From">Its place id in the first plan; null when unplaced or absent.</param>
/// <param name="To">Its place id in the second plan; null when unplaced or absent.</param>
public sealed record HomeChange(string HomeId, string? From, string? To);
