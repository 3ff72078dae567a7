using System.Text.Json;
using NetTopologySuite.Geometries;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Trimming;

namespace PlaceKit.Export;

/// <summary>Writes planar polygons as RFC 7946 GeoJSON geometry in WGS84: exterior rings counter-clockwise, holes clockwise, 6 decimals.</summary>
internal static class GeoJsonGeometry
{
    /// <summary>Writes a polygon or multipolygon (planar metres) as a GeoJSON geometry object; <c>null</c> when empty.</summary>
    internal static void WritePolygonal(Utf8JsonWriter w, Geometry g, PlanarProjection projection)
    {
        var polygons = new List<Polygon>();
        for (int k = 0; k < g.NumGeometries; k++)
        {
            if (g.GetGeometryN(k) is Polygon { IsEmpty: false } p) polygons.Add(p);
        }

        if (polygons.Count == 0)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("type", polygons.Count == 1 ? "Polygon" : "MultiPolygon");
        w.WriteStartArray("coordinates");
        foreach (var p in polygons)
        {
            if (polygons.Count > 1) w.WriteStartArray();
            WriteRing(w, p.ExteriorRing.Coordinates, projection, counterClockwise: true);
            foreach (var hole in p.InteriorRings) WriteRing(w, hole.Coordinates, projection, counterClockwise: false);
            if (polygons.Count > 1) w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The properties every place feature starts with: <c>place_id, cluster_id, authority, authority_name, homes, tightness, rank</c>.</summary>
    internal static void WritePlaceProperties(Utf8JsonWriter w, PlacePlan plan, Place place)
    {
        w.WriteString("place_id", place.Id);
        w.WriteNumber("cluster_id", place.Score.ClusterId);
        w.WriteString("authority", place.Authority);
        w.WriteString("authority_name", plan.Options.NameOf(place.Authority));
        w.WriteNumber("homes", place.Homes);
        w.WriteNumber("tightness", Math.Round(place.Tightness, 2));
        w.WriteNumber("rank", place.Rank);
    }

    /// <summary>A ring in WGS84, rounded to 6 decimals, closed exactly, in the wanted orientation.</summary>
    internal static (double Lon, double Lat)[] ToWgs84Ring(Coordinate[] ring, PlanarProjection projection, bool counterClockwise)
    {
        var xs = new double[ring.Length];
        var ys = new double[ring.Length];
        for (int i = 0; i < ring.Length; i++)
        {
            xs[i] = ring[i].X;
            ys[i] = ring[i].Y;
        }

        projection.ToWgs84(xs, ys);
        var result = new (double Lon, double Lat)[ring.Length];
        var coords = new Coordinate[ring.Length];
        for (int i = 0; i < ring.Length; i++)
        {
            result[i] = (Math.Round(xs[i], 6), Math.Round(ys[i], 6));
            coords[i] = new Coordinate(result[i].Lon, result[i].Lat);
        }

        // Projection of the closing point can differ in the last digit from the opening one: close the ring exactly.
        result[^1] = result[0];
        coords[^1] = coords[0];
        bool isCcw = NetTopologySuite.Algorithm.Area.OfRingSigned(coords) < 0;
        if (isCcw != counterClockwise) Array.Reverse(result);
        return result;
    }

    private static void WriteRing(Utf8JsonWriter w, Coordinate[] ring, PlanarProjection projection, bool counterClockwise)
    {
        w.WriteStartArray();
        foreach (var (lon, lat) in ToWgs84Ring(ring, projection, counterClockwise))
        {
            w.WriteStartArray();
            w.WriteNumberValue(lon);
            w.WriteNumberValue(lat);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
