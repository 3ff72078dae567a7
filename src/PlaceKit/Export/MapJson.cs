using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;
using PlaceKit.Homes;
using PlaceKit.Trimming;
using PlaceKit.Territories;

namespace PlaceKit.Export;

/// <summary>Geometry as the shared map code (<c>Export/Map/placekit-map.js</c>) takes it: Leaflet's [lat, lng] rings, used by report.html and the studio.</summary>
internal static class MapJson
{
    /// <summary>Outlines are simplified to this many metres before projection (invisible at street zoom).</summary>
    internal const double SimplifyMeters = 2;

    /// <summary>Writes what the map draws of a place (inside an object the caller opened): id, rank, authority, colour, <c>locked: true</c> for a locked place, centre [lat, lng], outline (its territory).</summary>
    internal static void WritePlace(Utf8JsonWriter w, Place place, PlaceTerritory territory, string colour, PlanarProjection projection)
    {
        w.WriteString("id", place.Id);
        w.WriteNumber("rank", place.Rank);
        w.WriteString("authority", place.Authority);
        w.WriteString("colour", colour);
        if (place.Locked) w.WriteBoolean("locked", true);
        WritePoint(w, "centre", new Coordinate(place.Score.CentreX, place.Score.CentreY), projection);
        w.WritePropertyName("outline");
        WriteOutline(w, territory.Territory, projection);
    }

    /// <summary>Writes what the map draws of an authority (inside an object the caller opened): code, boundary (given or fallback), label point [lat, lng] (empty when it has no area), outline.</summary>
    internal static void WriteAuthority(Utf8JsonWriter w, AuthorityArea area, PlanarProjection projection)
    {
        w.WriteString("code", area.Authority);
        w.WriteBoolean("boundary", area.Source == AuthorityAreaSource.Boundary);
        var label = area.Area.IsEmpty ? null : area.Area.InteriorPoint;
        WritePoint(w, "label", label is null || label.IsEmpty ? null : label.Coordinate, projection);
        w.WritePropertyName("outline");
        WriteOutline(w, area.Area, projection);
    }

    /// <summary>Writes a point as [lat, lng] to 6 decimals (about 0.1 m), or an empty array for none.</summary>
    internal static void WritePoint(Utf8JsonWriter w, string name, Coordinate? point, PlanarProjection projection)
    {
        w.WriteStartArray(name);
        if (point is not null)
        {
            var (lon, lat) = projection.ToWgs84(point.X, point.Y);
            w.WriteNumberValue(Math.Round(lat, 6));
            w.WriteNumberValue(Math.Round(lon, 6));
        }

        w.WriteEndArray();
    }

    /// <summary>Writes a polygonal geometry as Leaflet's multi-polygon: polygons of rings of [lat, lng], simplified to <see cref="SimplifyMeters"/>.</summary>
    internal static void WriteOutline(Utf8JsonWriter w, Geometry geometry, PlanarProjection projection) =>
        WritePolygons(w, geometry.IsEmpty ? geometry : TopologyPreservingSimplifier.Simplify(geometry, SimplifyMeters), projection, static (w, lon, lat) =>
        {
            for (int k = 0; k < lon.Length; k++)
            {
                w.WriteStartArray();
                w.WriteNumberValue(Math.Round(lat[k], 6));
                w.WriteNumberValue(Math.Round(lon[k], 6));
                w.WriteEndArray();
            }
        });

    /// <summary>Writes the polygons of a polygonal geometry as an array of polygons, each an array of rings (exterior first), each ring an array whose content <paramref name="ring"/> writes from its WGS84 longitudes and latitudes (closing point left out).</summary>
    internal static void WritePolygons(Utf8JsonWriter w, Geometry geometry, PlanarProjection projection, RingWriter ring)
    {
        w.WriteStartArray();
        for (int g = 0; g < geometry.NumGeometries; g++)
        {
            if (geometry.GetGeometryN(g) is not Polygon polygon || polygon.IsEmpty) continue;
            w.WriteStartArray();
            WriteRing(w, polygon.ExteriorRing, projection, ring);
            foreach (var hole in polygon.InteriorRings) WriteRing(w, hole, projection, ring);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter w, LineString ring, PlanarProjection projection, RingWriter write)
    {
        var c = ring.Coordinates;
        var xs = new double[c.Length - 1];
        var ys = new double[c.Length - 1];
        for (int k = 0; k < xs.Length; k++) (xs[k], ys[k]) = (c[k].X, c[k].Y);
        projection.ToWgs84(xs, ys);
        w.WriteStartArray();
        write(w, xs, ys);
        w.WriteEndArray();
    }

    /// <summary>Writes one ring's points (WGS84 longitudes and latitudes, closing point left out) into its already opened array.</summary>
    internal delegate void RingWriter(Utf8JsonWriter w, double[] longitudes, double[] latitudes);
}
