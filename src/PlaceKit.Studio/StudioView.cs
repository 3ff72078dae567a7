using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using PlaceKit.Editing;
using PlaceKit.Export;
using PlaceKit.Planning;

namespace PlaceKit.Studio;

/// <summary>What the studio page draws: the homes (once), the authorities (once), and per plan the places, colours, coverage and history.</summary>
/// <remarks>
/// Homes travel as binary columns (WGS84 as float32, about 0.1 m; authority index as int32): 12 bytes a home. A plan's
/// assignment travels as one int32 a home (index into the state's places, -1 unplaced). Place colours stay with the
/// place id across edits (<see cref="PlacePalette.Assign"/> with the earlier colours) so an edit repaints only the
/// places it changed. Outlines are the convex hulls of each place's homes.
/// </remarks>
internal sealed class StudioView
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _colours = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Id, int Homes, double X, double Y), IReadOnlyList<(double Longitude, double Latitude)>> _rings = [];
    private readonly byte[] _homes;
    private readonly byte[] _authorities;

    internal StudioView(PlacePlan plan)
    {
        _homes = BuildHomes(plan);
        _authorities = BuildAuthorities(plan);
    }

    /// <summary>The homes: int32 count, float32 latitude[n], float32 longitude[n], int32 authority[n] (little-endian).</summary>
    internal ReadOnlyMemory<byte> Homes => _homes;

    /// <summary>The authorities as JSON: code, homes, outline (convex hull of the homes) and a label point.</summary>
    internal ReadOnlyMemory<byte> Authorities => _authorities;

    /// <summary>Each home's index into the state's <c>places</c> (rank order), -1 when unplaced: int32 count then int32[n].</summary>
    internal static byte[] Assignment(PlacePlan plan)
    {
        var index = plan.PlaceIndexOfHome;
        var bytes = new byte[4 + (4 * index.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, index.Length);
        for (int i = 0; i < index.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 + (4 * i)), index[i]);
        return bytes;
    }

    /// <summary>The colours of a plan's places, by place index, keeping each id's earlier colour.</summary>
    internal IReadOnlyList<string> Colours(PlacePlan plan)
    {
        lock (_gate)
        {
            var colours = PlacePalette.Assign(plan.Places, _colours);
            for (int p = 0; p < colours.Count; p++) _colours[plan.Places[p].Id] = colours[p];
            return colours;
        }
    }

    /// <summary>Writes the plan's state: places (with outline, colour, figures), coverage, history and the studio's flags.</summary>
    internal void WriteState(Utf8JsonWriter w, PlaceStudio studio, PlacePlan plan, long version)
    {
        var colours = Colours(plan);
        var projection = plan.Homes.Projection;
        w.WriteStartObject();
        w.WriteNumber("version", version);
        w.WriteString("planPath", studio.PlanPath);
        w.WriteString("outputDirectory", studio.OutputDirectory);
        w.WriteBoolean("unsaved", studio.HasUnsavedEdits);
        w.WriteBoolean("canUndo", studio.CanUndo);
        w.WriteBoolean("canRedo", studio.CanRedo);
        WriteCoverage(w, "coverage", plan);
        w.WriteStartArray("places");
        for (int p = 0; p < plan.Places.Count; p++)
        {
            var place = plan.Places[p];
            w.WriteStartObject();
            w.WriteString("id", place.Id);
            w.WriteNumber("rank", place.Rank);
            w.WriteString("authority", place.Authority);
            WriteFigures(w, place);
            w.WriteString("colour", colours[p]);
            var (lon, lat) = projection.ToWgs84(place.Score.CentreX, place.Score.CentreY);
            w.WriteStartArray("centre");
            w.WriteNumberValue(Math.Round(lat, 6));
            w.WriteNumberValue(Math.Round(lon, 6));
            w.WriteEndArray();
            w.WriteStartArray("outline");
            foreach (var (x, y) in Ring(place, projection))
            {
                w.WriteStartArray();
                w.WriteNumberValue(y);
                w.WriteNumberValue(x);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("history");
        foreach (var e in plan.Edits) WriteEdit(w, e);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes the figures the side panel compares before and after: homes, tightness, r90, compactness, hull area.</summary>
    internal static void WriteFigures(Utf8JsonWriter w, Place place)
    {
        w.WriteNumber("homes", place.Homes);
        w.WriteNumber("tightness", Math.Round(place.Tightness, 1));
        w.WriteNumber("r90", Math.Round(place.Score.R90Meters, 1));
        w.WriteNumber("compactness", Math.Round(Compactness(place.Score.Hull), 3));
        w.WriteNumber("areaKm2", Math.Round(place.Score.HullAreaKm2, 3));
    }

    /// <summary>Writes a plan's coverage figures as an object.</summary>
    internal static void WriteCoverage(Utf8JsonWriter w, string name, PlacePlan plan)
    {
        var c = plan.Coverage;
        w.WriteStartObject(name);
        w.WriteString("headline", c.Headline);
        w.WriteNumber("totalHomes", c.TotalHomes);
        w.WriteNumber("placedHomes", c.PlacedHomes);
        w.WriteNumber("ratio", Math.Round(c.CoverageRatio, 5));
        w.WriteNumber("places", c.Places);
        w.WriteEndObject();
    }

    /// <summary>Writes one edit of the history: line, action, targets (the first 20 and the count), argument, author, time, the row text.</summary>
    internal static void WriteEdit(Utf8JsonWriter w, PlanEdit e)
    {
        w.WriteStartObject();
        w.WriteNumber("line", e.Line);
        w.WriteString("action", e.Action);
        w.WriteNumber("targetCount", e.Targets.Count);
        w.WriteStartArray("targets");
        foreach (var t in e.Targets.Take(20)) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteString("argument", e.Argument);
        w.WriteString("author", e.Author);
        if (e.Time is { } t2) w.WriteString("time", t2.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv));
        else w.WriteNull("time");
        w.WriteEndObject();
    }

    /// <summary>Polsby-Popper compactness of a hull, 4πA/P² in [0, 1] (1 = a disc); 0 for a point or line.</summary>
    internal static double Compactness(Geometry hull)
    {
        double perimeter = hull.Length;
        return hull is Polygon && perimeter > 0 ? Math.Min(1, 4 * Math.PI * hull.Area / (perimeter * perimeter)) : 0;
    }

    private IReadOnlyList<(double Longitude, double Latitude)> Ring(Place place, PlaceKit.Homes.PlanarProjection projection)
    {
        var key = (place.Id, place.Homes, place.Score.CentreX, place.Score.CentreY);
        lock (_gate)
        {
            if (_rings.TryGetValue(key, out var ring)) return ring;
        }

        var made = PlacesGeoJson.ToWgs84Polygon(place.Score.Hull, projection);
        lock (_gate) _rings[key] = made;
        return made;
    }

    private static byte[] BuildHomes(PlacePlan plan)
    {
        var homes = plan.Homes;
        int n = homes.Count;
        var x = homes.X.ToArray();
        var y = homes.Y.ToArray();
        homes.Projection.ToWgs84(x, y);
        var bytes = new byte[4 + (12 * n)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, n);
        var auth = homes.AuthorityIndex;
        int lat = 4, lon = 4 + (4 * n), a = 4 + (8 * n);
        for (int i = 0; i < n; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(lat + (4 * i)), (float)y[i]);
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(lon + (4 * i)), (float)x[i]);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(a + (4 * i)), auth[i]);
        }

        return bytes;
    }

    private static byte[] BuildAuthorities(PlacePlan plan)
    {
        var homes = plan.Homes;
        var members = new List<Coordinate>[homes.Authorities.Count];
        for (int a = 0; a < members.Length; a++) members[a] = [];
        var auth = homes.AuthorityIndex;
        for (int i = 0; i < homes.Count; i++) members[auth[i]].Add(new Coordinate(homes.X[i], homes.Y[i]));
        var factory = new GeometryFactory();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            for (int a = 0; a < members.Length; a++)
            {
                var hull = factory.CreateMultiPointFromCoords([.. members[a]]).ConvexHull();
                w.WriteStartObject();
                w.WriteString("code", homes.Authorities[a]);
                w.WriteNumber("homes", members[a].Count);
                w.WriteStartArray("outline");
                foreach (var (lon, lat) in PlacesGeoJson.ToWgs84Polygon(hull, homes.Projection))
                {
                    w.WriteStartArray();
                    w.WriteNumberValue(lat);
                    w.WriteNumberValue(lon);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return stream.ToArray();
    }
}
