using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.OverlayNG;

namespace PlaceKit.Homes;

/// <summary>Real local-authority boundaries read from a GIS file: one polygon or multipolygon per authority code.</summary>
/// <remarks>
/// <para>Formats, told by the file's extension: <b>GeoJSON</b> (<c>.geojson</c>, <c>.json</c>; a FeatureCollection in
/// WGS84 lon/lat as RFC 7946 requires, or in the CRS its legacy <c>crs</c> member names, e.g.
/// <c>urn:ogc:def:crs:EPSG::27700</c>), <b>GeoPackage</b> (<c>.gpkg</c>; the feature layer that has the code field, in the
/// CRS of its <c>gpkg_spatial_ref_sys</c> entry) and <b>Shapefile</b> (<c>.shp</c> with its <c>.shx</c>, <c>.dbf</c> and
/// <c>.prj</c>; the CRS from the <c>.prj</c>). British National Grid (EPSG:27700, including Esri's
/// <c>British_National_Grid</c> WKT, which lacks the datum shift) is recognised by name; WGS84 and ETRS89 lon/lat are read as
/// WGS84 (they differ by well under a metre in Britain). Read with NetTopologySuite's GeoJSON4STJ, GeoPackage and Esri
/// Shapefile readers.</para>
/// <para>The code field is the one named, case-insensitively; when none is named, the first of
/// <see cref="DefaultFields"/> present (ONS's <c>LADyyCD</c> fields, newest year first, then <c>code</c> and similar).
/// Several features with one code are merged. An invalid polygon (self-intersecting after simplification, a common
/// defect of generalised boundaries) is repaired with NetTopologySuite's <c>GeometryFixer</c> and counted in
/// <see cref="RepairedFeatures"/>; a feature with no geometry, a non-polygonal geometry or an empty code is an error naming
/// the feature.</para>
/// <para>Boundaries are converted to a plan's planar CRS (<see cref="TryGetBoundary"/>) with <see cref="PlanarProjection"/>
/// (ProjNET) vertex by vertex, once per CRS, and kept; a file already in that CRS is used exactly. Immutable and
/// thread-safe.</para>
/// </remarks>
public sealed partial class AuthorityBoundaries
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 0);
    private static readonly Lock CacheGate = new();
    private static readonly List<(string Key, AuthorityBoundaries Boundaries)> Cache = [];

    private readonly Dictionary<string, Geometry> _source;
    private readonly PlanarProjection? _sourcePlanar;
    private readonly ConcurrentDictionary<string, Lazy<Dictionary<string, Geometry>>> _planar = new(StringComparer.Ordinal);

    private AuthorityBoundaries(string filePath, string format, string field, string crs, PlanarProjection? sourcePlanar,
        Dictionary<string, Geometry> source, IReadOnlyList<string> authorities, int repaired)
    {
        Sha256 = FileSha256(filePath);
        FilePath = filePath;
        Format = format;
        Field = field;
        SourceCrs = crs;
        _sourcePlanar = sourcePlanar;
        _source = source;
        Authorities = authorities;
        RepairedFeatures = repaired;
    }

    /// <summary>The code fields tried, in order, when none is named: ONS's local-authority district codes, newest first, then common names.</summary>
    public static IReadOnlyList<string> DefaultFields { get; } =
    [
        "LAD25CD", "LAD24CD", "LAD23CD", "LAD22CD", "LAD21CD", "LAD20CD", "LAD19CD", "LAD18CD", "LAD17CD", "LAD16CD", "LAD15CD",
        "LAD14CD", "LAD13CD", "LAD12CD", "LAD11CD", "code", "lad_code", "authority", "la_code", "lad",
    ];

    /// <summary>The full path of the file read.</summary>
    public string FilePath { get; }

    /// <summary>The SHA-256 of the file's bytes (for a Shapefile, of its .shp, .shx, .dbf and .prj in turn), lower-case hex: what a plan records to notice a changed file.</summary>
    public string Sha256 { get; }

    /// <summary>The file's format: <c>GeoJSON</c>, <c>GeoPackage</c> or <c>Shapefile</c>.</summary>
    public string Format { get; }

    /// <summary>The code field used, spelled as in the file.</summary>
    public string Field { get; }

    /// <summary>The file's CRS as read: <c>EPSG:4326</c> for lon/lat, else the projection's name (e.g. <c>EPSG:27700</c>).</summary>
    public string SourceCrs { get; }

    /// <summary>The authority codes, in file order of first appearance.</summary>
    public IReadOnlyList<string> Authorities { get; }

    /// <summary>How many features had an invalid polygon that was repaired.</summary>
    public int RepairedFeatures { get; }

    /// <summary>Reads boundaries from a file.</summary>
    /// <remarks>The last few files read are kept while unchanged (same path, field, size and write time): reading one again returns the same immutable instance.</remarks>
    /// <param name="path">The GeoJSON, GeoPackage or Shapefile.</param>
    /// <param name="field">The code field; <see langword="null"/> to try <see cref="DefaultFields"/>.</param>
    /// <returns>The boundaries.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="BoundaryFileException">The file is missing, of an unknown format, unreadable, lacks the field, has no usable CRS, a bad feature or no features.</exception>
    public static AuthorityBoundaries Read(string path, string? field = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Load(path, field);
    }

    /// <summary>Reads boundaries from a file, from one layer of a GeoPackage that has several.</summary>
    /// <remarks>The last few files read are kept while unchanged (same path, field, layer, size and write time).</remarks>
    /// <param name="path">The GeoJSON, GeoPackage or Shapefile.</param>
    /// <param name="field">The code field; <see langword="null"/> to try <see cref="DefaultFields"/>.</param>
    /// <param name="layer">The GeoPackage layer (table) to read, matched exactly, else ignoring case; <see langword="null"/>: the only layer with the code field. Only for GeoPackages.</param>
    /// <returns>The boundaries.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="BoundaryFileException">The file is missing, of an unknown format, unreadable, lacks the field or the layer (the layers are listed), has no usable CRS, a bad feature or no features; or a layer is named for a file that is not a GeoPackage.</exception>
    public static AuthorityBoundaries Read(string path, string? field, string? layer)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Load(path, field, layer);
    }

    private static AuthorityBoundaries ReadFile(string path, string? field, string? layer = null)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new BoundaryFileException($"boundary file '{full}' is a folder, not a file");
        if (!File.Exists(full)) throw new BoundaryFileException($"boundary file '{full}' does not exist");
        field = string.IsNullOrWhiteSpace(field) ? null : field.Trim();
        string ext = Path.GetExtension(full).ToLowerInvariant();
        if (layer is not null && ext != ".gpkg")
        {
            throw new BoundaryFileException($"boundary file '{full}': a layer ('{layer}', --boundary-layer) was given, but layers are only chosen in a GeoPackage (.gpkg)");
        }

        try
        {
            return ext switch
            {
                ".geojson" or ".json" => ReadGeoJson(full, field),
                ".gpkg" => ReadGeoPackage(full, field, layer),
                ".shp" => ReadShapefile(full, field),
                _ => throw new BoundaryFileException($"boundary file '{full}': unknown format '{ext}'; give a GeoJSON (.geojson, .json), GeoPackage (.gpkg) or Shapefile (.shp)"),
            };
        }
        catch (Exception ex) when (ex is not BoundaryFileException and not OutOfMemoryException)
        {
            throw new BoundaryFileException($"boundary file '{full}' could not be read as {Describe(ext)}: {OneLine(ex.Message)}", ex);
        }
    }

    /// <summary>Reads boundaries, reusing the last few files read while they are unchanged (same path, field, size and write time).</summary>
    /// <remarks>Every plan made with <c>TerritoryOptions.BoundariesFile</c> reads through here, so a sweep or a studio session reads the file once.</remarks>
    internal static AuthorityBoundaries Load(string path, string? field, string? layer = null)
    {
        string full = Path.GetFullPath(path);
        field = string.IsNullOrWhiteSpace(field) ? null : field.Trim();
        layer = string.IsNullOrWhiteSpace(layer) ? null : layer.Trim();
        var info = new FileInfo(full);
        if (!info.Exists) return ReadFile(full, field, layer); // throws the clear message
        string key = string.Join('|', full, field ?? "", layer ?? "", info.Length.ToString(CultureInfo.InvariantCulture), info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
        lock (CacheGate)
        {
            foreach (var (k, b) in Cache)
            {
                if (k == key) return b;
            }
        }

        var read = ReadFile(full, field, layer);
        lock (CacheGate)
        {
            Cache.Insert(0, (key, read));
            if (Cache.Count > 4) Cache.RemoveAt(Cache.Count - 1);
        }

        return read;
    }

    /// <summary>The SHA-256 (lower-case hex) of a boundary file as <see cref="Sha256"/> defines it.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The hash.</returns>
    internal static string FileSha256(string path)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var parts = Path.GetExtension(path).Equals(".shp", StringComparison.OrdinalIgnoreCase)
            ? new[] { ".shp", ".shx", ".dbf", ".prj" }.Select(e => Path.ChangeExtension(path, e)).Where(File.Exists)
            : [path];
        var buffer = new byte[1 << 16];
        foreach (var part in parts)
        {
            using var stream = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>An authority's boundary in a planar CRS.</summary>
    /// <param name="authority">The authority code (exact, case-sensitive).</param>
    /// <param name="projection">The plan's planar CRS (<see cref="HomeSet.Projection"/>).</param>
    /// <param name="boundary">The boundary, a polygon or multipolygon in <paramref name="projection"/>'s metres.</param>
    /// <returns><see langword="true"/> when the file has a boundary for the code.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public bool TryGetBoundary(string authority, PlanarProjection projection, [NotNullWhen(true)] out Geometry? boundary)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(projection);
        return In(projection).TryGetValue(authority, out boundary);
    }

    /// <summary>Every boundary in a planar CRS, converted once per CRS.</summary>
    internal Dictionary<string, Geometry> In(PlanarProjection projection)
    {
        string key = projection.Name + "\n" + projection.Wkt;
        return _planar.GetOrAdd(key, _ => new Lazy<Dictionary<string, Geometry>>(() => Project(projection))).Value;
    }

    private Dictionary<string, Geometry> Project(PlanarProjection target)
    {
        bool same = _sourcePlanar is not null
            && (ReferenceEquals(_sourcePlanar, target) || (_sourcePlanar.Name == target.Name && _sourcePlanar.Name != "WKT") || _sourcePlanar.Wkt == target.Wkt);
        if (same) return new Dictionary<string, Geometry>(_source, StringComparer.Ordinal);

        // Each authority in its own slot, in parallel: the projection serialises the vertex transforms, the validity
        // check (and a repair where the conversion made a polygon invalid) runs alongside. Same result on any thread count.
        var codes = Authorities;
        var projected = new Geometry[codes.Count];
        Parallel.For(0, codes.Count, a =>
        {
            var copy = _source[codes[a]].Copy();
            copy.Apply(new Reprojection(_sourcePlanar, target));
            copy.GeometryChanged();
            projected[a] = copy.IsValid ? copy : Polygonal(GeometryFixer.Fix(copy));
        });
        var result = new Dictionary<string, Geometry>(codes.Count, StringComparer.Ordinal);
        for (int a = 0; a < codes.Count; a++) result[codes[a]] = projected[a];
        return result;
    }

    /// <summary>Converts every vertex: source planar to WGS84 (when the source is planar), then WGS84 to the target.</summary>
    private sealed class Reprojection(PlanarProjection? source, PlanarProjection target) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            int n = seq.Count;
            var x = new double[n];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = seq.GetX(i);
                y[i] = seq.GetY(i);
            }

            source?.ToWgs84(x, y);
            target.FromWgs84(x, y);
            for (int i = 0; i < n; i++)
            {
                seq.SetX(i, x[i]);
                seq.SetY(i, y[i]);
            }
        }
    }

    // ---- reading ----

    /// <summary>One feature as read: its 1-based number, code and geometry.</summary>
    private readonly record struct Raw(int Number, string? Code, Geometry? Geometry);

    private static AuthorityBoundaries ReadGeoJson(string path, string? field)
    {
        byte[] bytes = File.ReadAllBytes(path);
        PlanarProjection? crs = null;
        string crsName = "EPSG:4326";
        using (var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 256 }))
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() != "FeatureCollection")
            {
                throw new BoundaryFileException($"boundary file '{path}' is not a GeoJSON FeatureCollection (its top-level \"type\" must be \"FeatureCollection\")");
            }

            if (root.TryGetProperty("crs", out var crsMember) && crsMember.ValueKind == JsonValueKind.Object
                && crsMember.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
                && props.TryGetProperty("name", out var nameEl) && nameEl.GetString() is { } name)
            {
                (crs, crsName) = FromCrsName(path, name);
            }
        }

        // An explicit resolver: .NET 10 file-based apps and trimmed hosts turn off the implicit reflection resolver, and
        // GeoJSON4STJ resolves its converters through the options.
        var options = new JsonSerializerOptions { MaxDepth = 256, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new GeoJsonConverterFactory(Factory));
        var collection = JsonSerializer.Deserialize<FeatureCollection>(bytes, options)
            ?? throw new BoundaryFileException($"boundary file '{path}' holds no FeatureCollection");
        var names = new List<string>();
        foreach (var f in collection)
        {
            if (f.Attributes is null) continue;
            foreach (var n in f.Attributes.GetNames())
            {
                if (!names.Contains(n, StringComparer.OrdinalIgnoreCase)) names.Add(n);
            }
        }

        string used = PickField(path, names, field, "");
        var raws = new List<Raw>(collection.Count);
        int number = 0;
        foreach (var f in collection)
        {
            number++;
            raws.Add(new Raw(number, Attribute(f.Attributes, used), f.Geometry));
        }

        return Build(path, "GeoJSON", used, crsName, crs, raws);
    }

    private static (PlanarProjection? Crs, string Name) FromCrsName(string path, string name)
    {
        if (name.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase)) return (null, "EPSG:4326");
        var digits = TrailingNumber().Match(name);
        if (!digits.Success) throw new BoundaryFileException($"boundary file '{path}': its crs '{name}' is not one PlaceKit can read; give the file in WGS84 (RFC 7946) or British National Grid");
        int code = int.Parse(digits.Value, CultureInfo.InvariantCulture);
        return FromEpsgCode(path, code, null);
    }

    private static (PlanarProjection? Crs, string Name) FromEpsgCode(string path, int code, string? wkt)
    {
        if (code is 4326 or 4258 or 4979 or 4937 or 4030) return (null, "EPSG:4326");
        try
        {
            var p = PlanarProjection.FromEpsg(code);
            return (p, p.Name);
        }
        catch (ArgumentException) when (wkt is not null)
        {
            return FromWkt(path, wkt);
        }
        catch (ArgumentException)
        {
            throw new BoundaryFileException($"boundary file '{path}' is in EPSG:{code.ToString(CultureInfo.InvariantCulture)}, which PlaceKit does not know by code; convert it to WGS84 or British National Grid (EPSG:27700) first, e.g. ogr2ogr -t_srs EPSG:27700");
        }
    }

    private static (PlanarProjection? Crs, string Name) FromWkt(string path, string wkt)
    {
        string t = wkt.Trim();
        string upper = t.ToUpperInvariant();
        if (upper.Contains("BRITISH_NATIONAL_GRID", StringComparison.Ordinal) || upper.Contains("BRITISH NATIONAL GRID", StringComparison.Ordinal)
            || upper.Contains("\"EPSG\",\"27700\"", StringComparison.Ordinal) || upper.Contains("\"EPSG\",27700", StringComparison.Ordinal))
        {
            return (PlanarProjection.BritishNationalGrid, PlanarProjection.BritishNationalGrid.Name);
        }

        if (upper.StartsWith("GEOGCS", StringComparison.Ordinal) || upper.StartsWith("GEOGCRS", StringComparison.Ordinal))
        {
            if (upper.Contains("WGS", StringComparison.Ordinal) || upper.Contains("ETRS", StringComparison.Ordinal)) return (null, "EPSG:4326");
            throw new BoundaryFileException($"boundary file '{path}' is in a geographic CRS that is neither WGS84 nor ETRS89 ({Shorten(t)}); convert it to WGS84 or British National Grid first, e.g. ogr2ogr -t_srs EPSG:27700");
        }

        try
        {
            var p = PlanarProjection.FromWkt(t);
            return (p, p.Name);
        }
        catch (ArgumentException ex)
        {
            throw new BoundaryFileException($"boundary file '{path}': its CRS could not be read ({OneLine(ex.Message)}); convert it to WGS84 or British National Grid first", ex);
        }
    }

    private static AuthorityBoundaries ReadGeoPackage(string path, string? field, string? layerName)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var db = new SqliteConnection(builder.ToString());
        db.Open();
        var layers = new List<(string Table, string Column, int Srs)>();
        try
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY c.table_name";
            using var r = cmd.ExecuteReader();
            while (r.Read()) layers.Add((r.GetString(0), r.GetString(1), r.GetInt32(2)));
        }
        catch (SqliteException ex)
        {
            throw new BoundaryFileException($"boundary file '{path}' is not a GeoPackage ({OneLine(ex.Message)})", ex);
        }

        if (layers.Count == 0) throw new BoundaryFileException($"boundary file '{path}' has no feature layer");
        var fieldsOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (table, _, _) in layers)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"PRAGMA table_info({Quote(table)})";
            using var r = cmd.ExecuteReader();
            var cols = new List<string>();
            while (r.Read()) cols.Add(r.GetString(1));
            fieldsOf[table] = cols;
        }

        if (layerName is not null)
        {
            // The layer asked for (exactly, else ignoring case), and only it.
            int at = layers.FindIndex(l => l.Table == layerName);
            if (at < 0) at = layers.FindIndex(l => string.Equals(l.Table, layerName, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                throw new BoundaryFileException($"boundary file '{path}' has no feature layer '{layerName}'; its layers are {string.Join(", ", layers.Select(l => $"'{l.Table}'"))}");
            }

            PickField(path, fieldsOf[layers[at].Table], field, $" (layer '{layers[at].Table}')");
            layers = [layers[at]];
        }

        // The layer with the field: the only layer, or the only one that has it.
        var candidates = layers.Where(l => TryPickField(fieldsOf[l.Table], field) is not null).ToList();
        if (candidates.Count == 0)
        {
            var layer = layers[0];
            PickField(path, fieldsOf[layer.Table], field, layers.Count == 1 ? $" (layer '{layer.Table}')" : $" (in none of its layers: {string.Join(", ", layers.Select(l => $"'{l.Table}'"))})");
        }

        if (candidates.Count > 1)
        {
            throw new BoundaryFileException($"boundary file '{path}': several layers have a code field ({string.Join(", ", candidates.Select(l => $"'{l.Table}'"))}); name the authorities' layer with --boundary-layer NAME (TerritoryOptions.BoundaryLayer)");
        }

        var (tableName, column, srsId) = candidates[0];
        string used = TryPickField(fieldsOf[tableName], field)!;
        var (crs, crsName) = GeoPackageCrs(db, path, srsId);
        var reader = new GeoPackageGeoReader();
        var raws = new List<Raw>();
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = $"SELECT {Quote(used)}, {Quote(column)} FROM {Quote(tableName)} ORDER BY rowid";
            using var r = cmd.ExecuteReader();
            int number = 0;
            while (r.Read())
            {
                number++;
                string? code = r.IsDBNull(0) ? null : Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture);
                Geometry? g = null;
                if (!r.IsDBNull(1))
                {
                    try
                    {
                        g = reader.Read((byte[])r.GetValue(1));
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        throw new BoundaryFileException($"boundary file '{path}', layer '{tableName}', feature {number.ToString(CultureInfo.InvariantCulture)} ({used} = '{code}'): the geometry could not be read ({OneLine(ex.Message)})", ex);
                    }
                }

                raws.Add(new Raw(number, code, g));
            }
        }

        return Build(path, "GeoPackage", used, crsName, crs, raws);
    }

    private static (PlanarProjection? Crs, string Name) GeoPackageCrs(SqliteConnection db, string path, int srsId)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = $id";
        cmd.Parameters.AddWithValue("$id", srsId);
        using var r = cmd.ExecuteReader();
        if (srsId <= 0 || !r.Read())
        {
            throw new BoundaryFileException($"boundary file '{path}': its layer has no defined CRS (srs_id {srsId.ToString(CultureInfo.InvariantCulture)}); assign one (e.g. ogr2ogr -a_srs EPSG:27700) so PlaceKit does not have to guess");
        }

        string org = r.IsDBNull(0) ? "" : r.GetString(0);
        int code = r.IsDBNull(1) ? 0 : r.GetInt32(1);
        string? wkt = r.IsDBNull(2) ? null : r.GetString(2);
        if (string.Equals(org, "EPSG", StringComparison.OrdinalIgnoreCase) && code > 0) return FromEpsgCode(path, code, wkt);
        if (wkt is null || wkt == "undefined") throw new BoundaryFileException($"boundary file '{path}': its CRS (srs_id {srsId.ToString(CultureInfo.InvariantCulture)}) has no definition");
        return FromWkt(path, wkt);
    }

    private static AuthorityBoundaries ReadShapefile(string path, string? field)
    {
        string prj = Path.ChangeExtension(path, ".prj");
        if (!File.Exists(prj))
        {
            throw new BoundaryFileException($"boundary file '{path}' has no .prj beside it ('{prj}'), so its CRS is unknown; add the .prj that came with it, or convert the file to GeoPackage with its CRS");
        }

        var (crs, crsName) = FromWkt(path, File.ReadAllText(prj));
        var features = NetTopologySuite.IO.Esri.Shapefile.ReadAllFeatures(path);
        var names = features.Length > 0 && features[0].Attributes is { } a ? a.GetNames().ToList() : [];
        string used = PickField(path, names, field, "");
        var raws = new List<Raw>(features.Length);
        for (int i = 0; i < features.Length; i++) raws.Add(new Raw(i + 1, Attribute(features[i].Attributes, used), features[i].Geometry));
        return Build(path, "Shapefile", used, crsName, crs, raws);
    }

    private static string? TryPickField(IReadOnlyList<string> names, string? field)
    {
        foreach (var want in field is null ? DefaultFields : [field])
        {
            foreach (var n in names)
            {
                if (string.Equals(n, want, StringComparison.OrdinalIgnoreCase)) return n;
            }
        }

        return null;
    }

    private static string PickField(string path, IReadOnlyList<string> names, string? field, string where)
    {
        if (TryPickField(names, field) is { } found) return found;
        string have = names.Count == 0 ? "no fields" : "fields " + string.Join(", ", names);
        throw field is null
            ? new BoundaryFileException($"boundary file '{path}'{where} has none of the usual code fields ({string.Join(", ", DefaultFields)}); it has {have}; name the code field with --boundary-field (TerritoryOptions.BoundaryField)")
            : new BoundaryFileException($"boundary file '{path}'{where} has no field '{field}'; it has {have}");
    }

    private static string? Attribute(IAttributesTable? attributes, string field)
    {
        if (attributes is null) return null;
        foreach (var n in attributes.GetNames())
        {
            if (!string.Equals(n, field, StringComparison.OrdinalIgnoreCase)) continue;
            return attributes[n] switch
            {
                null => null,
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                JsonElement { ValueKind: JsonValueKind.Null } => null,
                JsonElement e => e.GetRawText(),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString(),
            };
        }

        return null;
    }

    private static AuthorityBoundaries Build(string path, string format, string field, string crsName, PlanarProjection? crs, List<Raw> raws)
    {
        if (raws.Count == 0) throw new BoundaryFileException($"boundary file '{path}' has no features");
        // Checks and repairs in parallel, each feature in its own slot; the first problem in file order is thrown.
        var checkedGeometry = new Geometry?[raws.Count];
        var repairedFeature = new bool[raws.Count];
        var failures = new BoundaryFileException?[raws.Count];
        Parallel.For(0, raws.Count, k =>
        {
            try
            {
                (checkedGeometry[k], repairedFeature[k]) = Check(path, field, crs, raws[k]);
            }
            catch (BoundaryFileException ex)
            {
                failures[k] = ex;
            }
        });
        if (Array.Find(failures, f => f is not null) is { } failure) throw failure;

        var parts = new Dictionary<string, List<Geometry>>(StringComparer.Ordinal);
        var order = new List<string>();
        int repaired = repairedFeature.Count(r => r);
        for (int k = 0; k < raws.Count; k++)
        {
            string code = raws[k].Code!.Trim();
            if (!parts.TryGetValue(code, out var list))
            {
                parts[code] = list = [];
                order.Add(code);
            }

            list.Add(checkedGeometry[k]!);
        }

        var merged = new Dictionary<string, Geometry>(parts.Count, StringComparer.Ordinal);
        foreach (var (code, list) in parts) merged[code] = list.Count == 1 ? list[0] : Polygonal(OverlayNGRobust.Union(list));
        return new AuthorityBoundaries(path, format, field, crsName, crs, merged, order, repaired);
    }

    /// <summary>One feature's code and geometry checked: a polygonal geometry in range, repaired when invalid.</summary>
    private static (Geometry Geometry, bool Repaired) Check(string path, string field, PlanarProjection? crs, Raw raw)
    {
        var (number, rawCode, geometry) = raw;
        string code = rawCode?.Trim() ?? "";
        string where = $"boundary file '{path}', feature {number.ToString(CultureInfo.InvariantCulture)}";
        if (code.Length == 0) throw new BoundaryFileException($"{where}: field '{field}' is empty");
        where += $" ({field} = '{code}')";
        if (geometry is null || geometry.IsEmpty) throw new BoundaryFileException($"{where}: the feature has no geometry");
        var g = geometry is GeometryCollection and not MultiPolygon && PolygonExtracter.GetPolygons(geometry).Count > 0 ? Polygonal(geometry) : geometry;
        if (g is not (Polygon or MultiPolygon)) throw new BoundaryFileException($"{where}: the geometry is a {geometry.GeometryType}; a boundary must be a Polygon or MultiPolygon");
        if (crs is null) CheckLonLat(where, g);
        else CheckFinite(where, g);
        if (g.IsValid) return (g, false);
        g = Polygonal(GeometryFixer.Fix(g));
        if (g.IsEmpty) throw new BoundaryFileException($"{where}: the polygon is invalid and has no area once repaired");
        return (g, true);
    }

    private static void CheckLonLat(string where, Geometry g)
    {
        var env = g.EnvelopeInternal;
        if (!(env.MinX >= -180 && env.MaxX <= 180 && env.MinY >= -90 && env.MaxY <= 90))
        {
            throw new BoundaryFileException(
                $"{where}: coordinates such as ({Num(env.MinX)}, {Num(env.MinY)}) are not longitude/latitude; a GeoJSON file is WGS84 (RFC 7946): " +
                "re-export it in WGS84, name its CRS in a \"crs\" member (e.g. urn:ogc:def:crs:EPSG::27700), or give a GeoPackage or Shapefile, which carry their CRS");
        }
    }

    private static void CheckFinite(string where, Geometry g)
    {
        var env = g.EnvelopeInternal;
        if (!(double.IsFinite(env.MinX) && double.IsFinite(env.MaxX) && double.IsFinite(env.MinY) && double.IsFinite(env.MaxY)))
        {
            throw new BoundaryFileException($"{where}: the geometry has coordinates that are not finite numbers");
        }
    }

    /// <summary>The polygonal part of a geometry: a polygon, a multipolygon, or an empty polygon.</summary>
    internal static Geometry Polygonal(Geometry g)
    {
        if (g is Polygon or MultiPolygon) return g;
        var polygons = PolygonExtracter.GetPolygons(g);
        return polygons.Count switch
        {
            0 => Factory.CreatePolygon(),
            1 => polygons[0],
            _ => Factory.CreateMultiPolygon([.. polygons.Cast<Polygon>()]),
        };
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Describe(string ext) => ext switch
    {
        ".geojson" or ".json" => "GeoJSON",
        ".gpkg" => "a GeoPackage",
        ".shp" => "a Shapefile",
        _ => ext,
    };

    private static string Num(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").TrimEnd('.', ' ');

    [GeneratedRegex(@"\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingNumber();
}
