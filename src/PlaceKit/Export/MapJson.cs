using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;
using PlaceKit.Homes;

namespace PlaceKit.Export;

/// <summary>Geometry as the shared map code (<c>Export/Map/placekit-map.js</c>) takes it: Leaflet's [lat, lng] rings, used by report.html and the studio.</summary>
internal static class MapJson
{
    /// <summary>Outlines are simplified to this many metres before projection (invisible at street zoom).</summary>
    internal const double SimplifyMeters = 2;

    /// <summary>Writes a polygonal geometry as Leaflet's multi-polygon: polygons of rings of [lat, lng], simplified to <see cref="SimplifyMeters"/>.</summary>
    internal static void WriteOutline(Utf8JsonWriter w, Geometry geometry, PlanarProjection projection)
    {
        var simple = geometry.IsEmpty ? geometry : TopologyPreservingSimplifier.Simplify(geometry, SimplifyMeters);
        w.WriteStartArray();
        for (int g = 0; g < simple.NumGeometries; g++)
        {
            if (simple.GetGeometryN(g) is not Polygon polygon || polygon.IsEmpty) continue;
            w.WriteStartArray();
            WriteRing(w, polygon.ExteriorRing, projection);
            foreach (var hole in polygon.InteriorRings) WriteRing(w, hole, projection);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter w, LineString ring, PlanarProjection projection)
    {
        var c = ring.Coordinates;
        var xs = new double[c.Length - 1];
        var ys = new double[c.Length - 1];
        for (int k = 0; k < xs.Length; k++) (xs[k], ys[k]) = (c[k].X, c[k].Y);
        projection.ToWgs84(xs, ys);
        w.WriteStartArray();
        for (int k = 0; k < xs.Length; k++)
        {
            w.WriteStartArray();
            w.WriteNumberValue(Math.Round(ys[k], 6));
            w.WriteNumberValue(Math.Round(xs[k], 6));
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
