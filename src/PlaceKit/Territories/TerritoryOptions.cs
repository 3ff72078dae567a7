namespace PlaceKit.Territories;

/// <summary>Options of the territory stage: how an authority's area is drawn when no boundary is given.</summary>
/// <remarks>
/// Without a boundary polygon an authority's area is the <i>fallback area</i>: the concave hull of its homes (edges no
/// longer than <see cref="FallbackHullEdgeMeters"/>, NetTopologySuite's <c>ConcaveHull</c>) buffered by
/// <see cref="FallbackMarginMeters"/>. It hugs the homes, so it is a stand-in, not a council boundary: fallback areas
/// of neighbouring authorities can overlap each other. Territories of one authority never overlap.
/// </remarks>
public sealed record TerritoryOptions
{
    /// <summary>How far (metres) the fallback area reaches beyond the authority's outermost homes.</summary>
    /// <value>Default 250 m.</value>
    public double FallbackMarginMeters { get; set; } = 250;

    /// <summary>The longest edge (metres) of the concave hull under the fallback area; larger is closer to the convex hull.</summary>
    /// <value>Default 2,000 m.</value>
    public double FallbackHullEdgeMeters { get; set; } = 2000;
}
