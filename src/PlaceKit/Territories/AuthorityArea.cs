using NetTopologySuite.Geometries;

namespace PlaceKit.Territories;

/// <summary>An authority's area and the part of it no place claims.</summary>
/// <remarks>Geometries in the plan's planar metres. The place territories of the authority plus <see cref="NoPlace"/> make up <see cref="Area"/>.</remarks>
public sealed record AuthorityArea
{
    /// <summary>The authority code.</summary>
    public required string Authority { get; init; }

    /// <summary>Whether <see cref="Area"/> is a boundary the user gave or the fallback around the homes.</summary>
    public required AuthorityAreaSource Source { get; init; }

    /// <summary>The authority's area (a polygon or multipolygon).</summary>
    public required Geometry Area { get; init; }

    /// <summary>The part of <see cref="Area"/> nearer an unplaced home than any placed one (possibly empty).</summary>
    public required Geometry NoPlace { get; init; }

    /// <summary>How many of the authority's homes lie outside its boundary (0 for the fallback area, which holds them all).</summary>
    /// <remarks>A home's authority comes from the homes file; a home geocoded across a border or off the coast keeps it. Its
    /// place's territory stays inside the boundary, so such a home is not covered by it: fix the home's coordinates or authority.</remarks>
    public int HomesOutside { get; init; }

    /// <summary>The ids of the first 20 homes (in input order) counted in <see cref="HomesOutside"/>.</summary>
    public IReadOnlyList<string> HomesOutsideExamples { get; init; } = [];

    /// <summary>The area of <see cref="Area"/>, km².</summary>
    public double AreaKm2 => Area.Area / 1e6;

    /// <summary>The area of <see cref="NoPlace"/>, km².</summary>
    public double NoPlaceAreaKm2 => NoPlace.Area / 1e6;
}
