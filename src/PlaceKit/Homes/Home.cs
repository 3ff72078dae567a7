namespace PlaceKit.Homes;

/// <summary>One home: an identifier, a location and the local authority it belongs to.</summary>
/// <remarks>
/// <see cref="X"/> and <see cref="Y"/> are in the coordinate reference system of the <see cref="HomeSet"/>
/// they are put into: planar metres (e.g. British National Grid easting and northing) or, when the set is
/// built with <see cref="CoordinateKind.LonLat"/>, WGS84 longitude and latitude in degrees.
/// </remarks>
/// <param name="Id">The landlord's unique reference for the home (e.g. a property reference).</param>
/// <param name="X">Easting in metres, or longitude in degrees for lon/lat input.</param>
/// <param name="Y">Northing in metres, or latitude in degrees for lon/lat input.</param>
/// <param name="Authority">The local-authority code (e.g. <c>E08000028</c>); a cluster never crosses authorities.</param>
public sealed record Home(string Id, double X, double Y, string Authority)
{
    /// <summary>What the home weighs when plans are sized by weight (<c>PlaceKitOptions.SizeBy</c>): households, residents, workload; a finite number &gt;= 0.</summary>
    /// <value>Default 1.</value>
    public double Weight { get; init; } = 1;
}
