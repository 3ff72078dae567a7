using System.Buffers.Binary;
using System.Text.Json;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>
/// The report's map: the plan's data for the shared map code (<c>Export/Map/placekit-map.js</c>, which the studio runs
/// too) and the embedded assets (Leaflet 1.9.4 with its licence, the shared module) that report.html inlines.
/// </summary>
/// <remarks>
/// Places and authorities travel as JSON (ids, ranks, colours, centres, territories and authority areas as [lat, lng]
/// rings simplified to <see cref="MapJson.SimplifyMeters"/>), written with System.Text.Json's default encoder, which
/// escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes: no text from the input can close the script element
/// that holds it. Homes travel as base64 of float32 latitude[m], float32 longitude[m] and int32 place index[m]
/// (-1 unplaced), 16 characters a home. At most <see cref="MaxHomesDrawn"/> homes are drawn: a larger plan draws
/// every k-th home (k the smallest that fits) and the report says so. Deterministic: the same plan gives the same text.
/// </remarks>
internal static class ReportMapData
{
    /// <summary>The most homes the report's map draws; above this it draws an even sample (every k-th home) and says so.</summary>
    internal const int MaxHomesDrawn = 250_000;

    /// <summary>Every how many homes the map draws one, for a plan of <paramref name="homes"/> homes.</summary>
    internal static int Step(int homes) => homes <= MaxHomesDrawn ? 1 : (homes + MaxHomesDrawn - 1) / MaxHomesDrawn;

    /// <summary>Writes the places and authorities as JSON for the map, script-safe (no raw <c>&lt;</c> or <c>&amp;</c>).</summary>
    internal static void WriteJson(TextWriter writer, PlacePlan plan, IReadOnlyList<string> colours)
    {
        var homes = plan.Homes;
        var projection = homes.Projection;
        int n = homes.Count, step = Step(n);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("homesTotal", n);
            w.WriteNumber("homesDrawn", n == 0 ? 0 : ((n - 1) / step) + 1);
            w.WriteNumber("step", step);
            w.WriteStartArray("places");
            for (int p = 0; p < plan.Places.Count; p++)
            {
                w.WriteStartObject();
                MapJson.WritePlace(w, plan.Places[p], plan.Territories.Places[p], colours[p], projection);
                w.WriteNumber("homes", plan.Places[p].Homes);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("authorities");
            foreach (var area in plan.Territories.Authorities)
            {
                w.WriteStartObject();
                MapJson.WriteAuthority(w, area, projection);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }

    /// <summary>Writes the drawn homes as base64: float32 latitude[m], float32 longitude[m], int32 place index[m] (little-endian).</summary>
    internal static void WriteHomes(TextWriter writer, PlacePlan plan)
    {
        var homes = plan.Homes;
        int n = homes.Count, step = Step(n), m = n == 0 ? 0 : ((n - 1) / step) + 1;
        var x = new double[m];
        var y = new double[m];
        for (int k = 0; k < m; k++) (x[k], y[k]) = (homes.X[k * step], homes.Y[k * step]);
        homes.Projection.ToWgs84(x, y);
        var place = new int[n];
        Array.Fill(place, -1);
        for (int p = 0; p < plan.Places.Count; p++)
        {
            foreach (int i in plan.HomesOf(p)) place[i] = p;
        }

        var bytes = new byte[12 * m];
        for (int k = 0; k < m; k++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * k), (float)y[k]);
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan((4 * m) + (4 * k)), (float)x[k]);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((8 * m) + (4 * k)), place[k * step]);
        }

        writer.Write(Convert.ToBase64String(bytes));
    }

    /// <summary>An embedded map asset as text: <c>placekit-map.js</c>, <c>leaflet.js</c>, <c>leaflet.css</c> or <c>LICENSE</c> (Leaflet's).</summary>
    internal static string Asset(string name)
    {
        using var stream = typeof(ReportMapData).Assembly.GetManifestResourceStream("PlaceKit.Map/" + name)
            ?? throw new InvalidOperationException($"the map asset '{name}' is missing from the PlaceKit assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
