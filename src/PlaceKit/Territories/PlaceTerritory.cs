using NetTopologySuite.Geometries;

namespace PlaceKit.Territories;

/// <summary>A place's territory: the part of its authority nearer its homes than any other home of that authority, and its compactness.</summary>
/// <remarks>
/// Geometry in the plan's planar metres: a polygon, or a multipolygon when the place's homes are split (by a coast, a
/// concave authority area, or reassigned homes). Compactness is measured on this geometry (<see cref="Compactness"/>).
/// </remarks>
public sealed record PlaceTerritory
{
    /// <summary>The place id.</summary>
    public required string PlaceId { get; init; }

    /// <summary>The authority code.</summary>
    public required string Authority { get; init; }

    /// <summary>The territory (polygonal).</summary>
    public required Geometry Territory { get; init; }

    /// <summary>The territory's area, km².</summary>
    public double AreaKm2 => Territory.Area / 1e6;

    /// <summary>The territory's perimeter (every ring, holes included), km.</summary>
    public double PerimeterKm => Territory.Length / 1000;

    /// <summary>Polsby-Popper compactness in [0, 1]: 4π · area / perimeter² (1 for a disc). See <see cref="Compactness.PolsbyPopper"/>.</summary>
    public required double PolsbyPopper { get; init; }

    /// <summary>Reock compactness in [0, 1]: area / area of the smallest enclosing circle (1 for a disc). See <see cref="Compactness.Reock"/>.</summary>
    public required double Reock { get; init; }
}
