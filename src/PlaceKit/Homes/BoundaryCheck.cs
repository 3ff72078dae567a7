namespace PlaceKit.Homes;

/// <summary>What reading homes against authority boundaries found: homes given their authority by the boundary that holds them, by the nearest boundary, and disagreements with the homes' own authority column.</summary>
/// <remarks>On <see cref="HomeSet.BoundaryCheck"/> when homes were read with <see cref="HomeCsvOptions.Boundaries"/>. Lists hold the first 20 homes in input order; the counts are complete.</remarks>
public sealed record BoundaryCheck
{
    /// <summary>The boundary file.</summary>
    public required string FilePath { get; init; }

    /// <summary>Its code field.</summary>
    public required string Field { get; init; }

    /// <summary>Whether the homes had no authority column, so every home took its authority from the boundaries.</summary>
    public required bool AssignedFromBoundaries { get; init; }

    /// <summary>Homes whose authority came from the boundary that holds them.</summary>
    public required int ByBoundary { get; init; }

    /// <summary>Homes in no boundary given the nearest authority within <see cref="HomeCsvOptions.NearestBoundaryMeters"/>.</summary>
    public required int ByNearest { get; init; }

    /// <summary>The first 20 homes counted in <see cref="ByNearest"/>, with their distances.</summary>
    public required IReadOnlyList<BoundaryHome> NearestExamples { get; init; }

    /// <summary>Homes whose authority column names another authority than the boundary that holds them (or none holds them); the column wins.</summary>
    public required int Disagreements { get; init; }

    /// <summary>The first 20 homes counted in <see cref="Disagreements"/>.</summary>
    public required IReadOnlyList<BoundaryHome> DisagreementExamples { get; init; }
}
