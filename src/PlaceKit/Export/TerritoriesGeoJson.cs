using System.Text.Json;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>Writes a plan's territories as an RFC 7946 GeoJSON FeatureCollection in WGS84 lon/lat.</summary>
/// <remarks>
/// One Feature per place, in rank order, whose geometry is the place's territory (<see cref="PlacePlan.Territories"/>):
/// a Polygon, or a MultiPolygon when the territory is in parts. Exterior rings counter-clockwise, holes clockwise,
/// coordinates rounded to 6 decimals (about 0.1 m). Properties: <c>place_id, cluster_id, authority, homes, tightness,
/// rank, area_km2, polsby_popper, reock, area_source</c> (<c>boundary</c> or <c>fallback</c>: whether the authority's
/// area was a real boundary). Within an authority the territories do not overlap.
/// </remarks>
public static class TerritoriesGeoJson
{
    /// <summary>Writes the FeatureCollection.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="stream">Where to write UTF-8 JSON; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(PlacePlan plan, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stream);
        var map = plan.Territories;
        var sourceOf = map.Authorities.ToDictionary(a => a.Authority, a => a.Source, StringComparer.Ordinal);
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        for (int p = 0; p < plan.Places.Count; p++)
        {
            var place = plan.Places[p];
            var t = map.Places[p];
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WritePropertyName("geometry");
            GeoJsonGeometry.WritePolygonal(w, t.Territory, plan.Homes.Projection);
            w.WriteStartObject("properties");
            GeoJsonGeometry.WritePlaceProperties(w, plan, place);
            w.WriteNumber("area_km2", Math.Round(t.AreaKm2, 6));
            w.WriteNumber("polsby_popper", Math.Round(t.PolsbyPopper, 4));
            w.WriteNumber("reock", Math.Round(t.Reock, 4));
            w.WriteString("area_source", sourceOf[place.Authority] == Territories.AuthorityAreaSource.Boundary ? "boundary" : "fallback");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
