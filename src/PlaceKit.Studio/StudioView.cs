using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using PlaceKit.Trimming;
using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.Territories;
using PlaceKit.Export;
using PlaceKit.Planning;

namespace PlaceKit.Studio;

/// <summary>What the studio page draws: the homes (once), the authorities (once), and per plan the places, colours, coverage and history.</summary>
/// <remarks>
/// Homes travel as binary columns (WGS84 as float32, about 0.1 m; authority index as int32): 12 bytes a home. A plan's
/// assignment travels as one int32 a home (index into the state's places, -1 unplaced). Place colours stay with the
/// place id across edits (<see cref="PlacePalette.Assign"/> with the earlier colours) so an edit repaints only the
/// places it changed. Outlines are the places' territories (<see cref="PlacePlan.Territories"/>: each place's share of its
/// authority) and the authorities' areas, simplified to 2 m (invisible at street zoom) before they are projected.
/// </remarks>
internal sealed class StudioView
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _colours = new(StringComparer.Ordinal);
    private readonly byte[] _homes;
    private readonly byte[] _authorities;

    /// <summary>Outlines are simplified to this many metres before projection.</summary>
    internal const double SimplifyMeters = MapJson.SimplifyMeters;

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
        var territories = plan.Territories;
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
            MapJson.WritePlace(w, place, territories.Places[p], colours[p], projection);
            WriteFigures(w, place, territories.Places[p]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("history");
        foreach (var e in plan.Edits) WriteEdit(w, e);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes the figures the side panel compares before and after: homes, tightness, r90, compactness (Polsby-Popper and Reock of the territory), areas.</summary>
    internal static void WriteFigures(Utf8JsonWriter w, Place place, PlaceTerritory territory)
    {
        w.WriteNumber("homes", place.Homes);
        w.WriteNumber("tightness", Math.Round(place.Tightness, 1));
        w.WriteNumber("r90", Math.Round(place.Score.R90Meters, 1));
        w.WriteNumber("compactness", Math.Round(territory.PolsbyPopper, 3));
        w.WriteNumber("reock", Math.Round(territory.Reock, 3));
        w.WriteNumber("territoryKm2", Math.Round(territory.AreaKm2, 3));
        w.WriteNumber("hullKm2", Math.Round(place.Score.HullAreaKm2, 3));
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
        var homesOf = new int[homes.Authorities.Count];
        foreach (int a in homes.AuthorityIndex) homesOf[a]++;
        var areas = plan.Territories.Authorities;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            for (int a = 0; a < areas.Count; a++)
            {
                var area = areas[a];
                w.WriteStartObject();
                MapJson.WriteAuthority(w, area, homes.Projection);
                w.WriteNumber("homes", homesOf[a]);
                w.WriteNumber("areaKm2", Math.Round(area.AreaKm2, 3));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return stream.ToArray();
    }
}
