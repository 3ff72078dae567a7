namespace PlaceKit.Homes;

/// <summary>An axis-aligned rectangle of valid coordinates (metres for planar CRSs, degrees for lon/lat).</summary>
/// <param name="MinX">Smallest x (easting or longitude).</param>
/// <param name="MaxX">Largest x.</param>
/// <param name="MinY">Smallest y (northing or latitude).</param>
/// <param name="MaxY">Largest y.</param>
public readonly record struct GridArea(double MinX, double MaxX, double MinY, double MaxY)
{
    /// <summary>Whether a point lies inside the rectangle (edges included).</summary>
    /// <param name="x">The x coordinate.</param>
    /// <param name="y">The y coordinate.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    public bool Contains(double x, double y) => x >= MinX && x <= MaxX && y >= MinY && y <= MaxY;

    /// <summary>Whether an x value lies inside the range.</summary>
    /// <param name="x">The x coordinate.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    public bool ContainsX(double x) => x >= MinX && x <= MaxX;

    /// <summary>Whether a y value lies inside the range.</summary>
    /// <param name="y">The y coordinate.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    public bool ContainsY(double y) => y >= MinY && y <= MaxY;
}
