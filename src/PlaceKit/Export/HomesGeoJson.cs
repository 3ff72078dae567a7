using System.Text.Json;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>Writes every home of a plan as an RFC 7946 GeoJSON FeatureCollection of points in WGS84 lon/lat.</summary>
/// <remarks>
/// One Feature per input home, in input order, with a Point geometry rounded to 6 decimals (about 0.1 m) and properties
/// <c>id, authority, authority_name, cluster_id, place_id, status, reason</c>: <c>status</c> is <c>placed</c> or <c>unplaced</c>,
/// <c>place_id</c> is null and <c>reason</c> names the rules broken when unplaced (null when placed). Loads in QGIS and
/// geojson.io alongside <see cref="PlacesGeoJson"/>. Projects all homes in one batch; O(n) time, streamed.
/// </remarks>
public static class HomesGeoJson
{
    /// <summary>Writes the FeatureCollection.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="stream">Where to write UTF-8 JSON; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(PlacePlan plan, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stream);
        var homes = plan.Homes;
        var lonLat = HomeLonLat.For(homes);
        var reasonOfHome = new string?[homes.Count];
        foreach (var u in plan.Unplaced) reasonOfHome[u.Index] = u.ReasonText;
        var clusterOfHome = plan.ClusterOfHome;
        var nameOf = homes.Authorities.Select(plan.Options.NameOf).ToArray();
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        for (int i = 0; i < homes.Count; i++)
        {
            var place = plan.PlaceOf(i);
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteStartObject("geometry");
            w.WriteString("type", "Point");
            w.WriteStartArray("coordinates");
            w.WriteNumberValue(Math.Round(lonLat.Longitude(i), 6));
            w.WriteNumberValue(Math.Round(lonLat.Latitude(i), 6));
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteString("id", homes.Ids[i]);
            w.WriteString("authority", homes.Authorities[homes.AuthorityIndex[i]]);
            w.WriteString("authority_name", nameOf[homes.AuthorityIndex[i]]);
            w.WriteNumber("cluster_id", clusterOfHome[i]);
            if (place is null) w.WriteNull("place_id");
            else w.WriteString("place_id", place.Id);
            w.WriteString("status", place is null ? "unplaced" : "placed");
            if (reasonOfHome[i] is { } reason) w.WriteString("reason", reason);
            else w.WriteNull("reason");
            w.WriteEndObject();
            w.WriteEndObject();
            if (w.BytesPending > 1 << 16) w.Flush();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
