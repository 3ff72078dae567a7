namespace PlaceKit.Coverage;

/// <summary>Coverage within one authority.</summary>
/// <param name="Authority">The authority code.</param>
/// <param name="TotalHomes">Homes in the authority.</param>
/// <param name="PlacedHomes">Of those, homes in a place.</param>
/// <param name="Places">Places in the authority.</param>
public sealed record AuthorityCoverage(string Authority, int TotalHomes, int PlacedHomes, int Places)
{
    /// <summary>PlacedHomes / TotalHomes, in [0, 1].</summary>
    public double CoverageRatio => TotalHomes == 0 ? 0 : (double)PlacedHomes / TotalHomes;
}
