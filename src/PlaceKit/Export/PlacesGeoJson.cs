using System.Text.Json;
using NetTopologySuite.Geometries;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>Writes a plan's places as an RFC 7946 GeoJSON FeatureCollection in WGS84 lon/lat.</summary>
/// <remarks>
/// One Feature per place, in rank order, whose geometry is the place's convex hull. Exterior rings are
/// counter-clockwise (RFC 7946 right-hand rule) and coordinates are rounded to 6 decimals (about 0.1 m). A place
/// whose hull is not a polygon (one or two homes, or collinear homes) gets its hull buffered by
/// 25 m so every place is a valid polygon. Properties: <c>place_id, cluster_id, authority, authority_name, homes,
/// tightness, rank, r90_m, hull_area_km2, centroid_lon, centroid_lat</c> (the mean position of the homes, WGS84),
/// <c>territory_area_km2, polsby_popper, reock</c> (of the place's territory, see <see cref="TerritoriesGeoJson"/>).
/// </remarks>
public static class PlacesGeoJson
{
    /// <summary>The buffer, metres, that turns a point or line hull into a small polygon.</summary>
    internal const double DegenerateBufferMeters = 25;

    /// <summary>Writes the FeatureCollection.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="stream">Where to write UTF-8 JSON; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(PlacePlan plan, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        var territories = plan.Territories;
        for (int p = 0; p < plan.Places.Count; p++)
        {
            var place = plan.Places[p];
            var territory = territories.Places[p];
            var (lon, lat) = plan.Homes.Projection.ToWgs84(place.Score.CentreX, place.Score.CentreY);
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WritePropertyName("geometry");
            GeoJsonGeometry.WritePolygonal(w, AsPolygon(place.Score.Hull), plan.Homes.Projection);
            w.WriteStartObject("properties");
            GeoJsonGeometry.WritePlaceProperties(w, plan, place);
            w.WriteNumber("r90_m", Math.Round(place.Score.R90Meters, 1));
            w.WriteNumber("hull_area_km2", Math.Round(place.Score.HullAreaKm2, 6));
            w.WriteNumber("centroid_lon", Math.Round(lon, 6));
            w.WriteNumber("centroid_lat", Math.Round(lat, 6));
            w.WriteNumber("territory_area_km2", Math.Round(territory.AreaKm2, 6));
            w.WriteNumber("polsby_popper", Math.Round(territory.PolsbyPopper, 4));
            w.WriteNumber("reock", Math.Round(territory.Reock, 4));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The exterior ring of a hull as a valid WGS84 polygon ring: buffered if degenerate, counter-clockwise, rounded to 6 decimals.</summary>
    /// <param name="hull">The hull in planar metres.</param>
    /// <param name="projection">The plan's projection.</param>
    /// <returns>The ring's lon/lat coordinates, closed (first equals last).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<(double Longitude, double Latitude)> ToWgs84Polygon(Geometry hull, PlanarProjection projection)
    {
        ArgumentNullException.ThrowIfNull(hull);
        ArgumentNullException.ThrowIfNull(projection);
        return GeoJsonGeometry.ToWgs84Ring(AsPolygon(hull).ExteriorRing.Coordinates, projection, counterClockwise: true);
    }

    /// <summary>A hull as a polygon: itself, or a degenerate (point or line) hull buffered by <see cref="DegenerateBufferMeters"/>.</summary>
    private static Polygon AsPolygon(Geometry hull) => hull as Polygon ?? (Polygon)hull.Buffer(DegenerateBufferMeters, 4).ConvexHull();
}
