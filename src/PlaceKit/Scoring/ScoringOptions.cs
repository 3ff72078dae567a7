namespace PlaceKit.Scoring;

/// <summary>Options of the scoring stage.</summary>
public sealed record ScoringOptions
{
    /// <summary>
    /// The smallest radius (metres) used in the tightness score, so that a block of flats on one coordinate does not
    /// score as infinitely tight: tightness = homes / (π · max(r90, MinRadiusMeters)²).
    /// </summary>
    /// <value>Default 25 m.</value>
    public double MinRadiusMeters { get; set; } = 25;
}
