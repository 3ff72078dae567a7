namespace PlaceKit.Territories;

/// <summary>Options of the territory stage: the authorities' real boundaries, or how an authority's area is drawn without them.</summary>
/// <remarks>
/// With <see cref="BoundariesFile"/> each authority's area is its boundary from that file (GeoJSON, GeoPackage or
/// Shapefile, read by <see cref="Homes.AuthorityBoundaries"/>, converted to the plan's CRS), and territories are clipped
/// to it. The path is kept in the plan's options (and in <c>plan.json</c>), so re-runs, edits, loading and sweeps use the
/// same boundaries; when the file is gone or lacks an authority that has homes, building territories fails with a
/// <see cref="Homes.BoundaryFileException"/> naming it: PlaceKit never falls back silently.
/// <para>
/// Without a boundary polygon an authority's area is the <i>fallback area</i>: the concave hull of its homes (edges no
/// longer than <see cref="FallbackHullEdgeMeters"/>, NetTopologySuite's <c>ConcaveHull</c>) buffered by
/// <see cref="FallbackMarginMeters"/>. It hugs the homes, so it is a stand-in, not a council boundary. Where the
/// fallback areas of neighbouring authorities would overlap, each point of the overlap goes to the authority of the
/// nearest home (a location with homes of several authorities stays in each of their areas), so authorities' areas
/// do not overlap and every home stays inside its own authority's area. Territories of one authority never overlap. Above 1,000 distinct
/// home locations in an authority the hull is taken over one location per cell of a grid a third of the margin wide
/// (the hull's triangulation would otherwise dominate the stage), which keeps every home inside the area.</para>
/// </remarks>
public sealed record TerritoryOptions
{
    /// <summary>How far (metres) the fallback area reaches beyond the authority's outermost homes.</summary>
    /// <value>Default 250 m.</value>
    public double FallbackMarginMeters { get; set; } = 250;

    /// <summary>The longest edge (metres) of the concave hull under the fallback area; larger is closer to the convex hull.</summary>
    /// <value>Default 2,000 m.</value>
    public double FallbackHullEdgeMeters { get; set; } = 2000;

    /// <summary>A file of real authority boundaries (GeoJSON, GeoPackage or Shapefile); <see langword="null"/> for the fallback area.</summary>
    /// <remarks>A relative path is taken from the current directory when territories are built; the CLI stores the full path.</remarks>
    /// <value>Default <see langword="null"/>.</value>
    public string? BoundariesFile { get; set; }

    /// <summary>The SHA-256 (lower-case hex, <see cref="Homes.AuthorityBoundaries.Sha256"/>) <see cref="BoundariesFile"/> had when the plan was made; <see langword="null"/> for no check.</summary>
    /// <remarks>When set, building territories from a file whose bytes have changed fails with a
    /// <see cref="Homes.BoundaryFileException"/> (re-run with the file to accept its new boundaries). The CLI sets it from the file it read.</remarks>
    /// <value>Default <see langword="null"/>.</value>
    public string? BoundariesSha256 { get; set; }

    /// <summary>The field of <see cref="BoundariesFile"/> holding the authority codes; <see langword="null"/> to try <see cref="Homes.AuthorityBoundaries.DefaultFields"/> (LAD24CD, LAD23CD, ..., code).</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? BoundaryField { get; set; }

    /// <summary>The layer of a GeoPackage <see cref="BoundariesFile"/> holding the authorities, when it has several with a code field (an unknown name is an error listing the layers); <see langword="null"/>: the only layer with the code field.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? BoundaryLayer { get; set; }
}
