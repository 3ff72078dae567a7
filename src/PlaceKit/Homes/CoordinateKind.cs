namespace PlaceKit.Homes;

/// <summary>How the coordinates of input homes are expressed.</summary>
public enum CoordinateKind
{
    /// <summary>Planar metres in a projected coordinate reference system (British National Grid by default).</summary>
    Projected,

    /// <summary>WGS84 longitude and latitude in degrees; projected once to planar metres when the set is built.</summary>
    LonLat,
}
