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

    /// <summary>The weight of the authority's homes (<see cref="TotalHomes"/> when the homes have no weights).</summary>
    public double TotalWeight { get; init; }

    /// <summary>Of that, the weight of the homes in a place.</summary>
    public double PlacedWeight { get; init; }

    /// <summary>PlacedWeight / TotalWeight, in [0, 1] (0 when the total weight is 0).</summary>
    public double WeightCoverageRatio => TotalWeight <= 0 ? 0 : PlacedWeight / TotalWeight;
}
