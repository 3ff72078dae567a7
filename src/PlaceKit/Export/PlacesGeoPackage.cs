using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using SQLitePCL;
using PlaceKit.Planning;

namespace PlaceKit.Export;

/// <summary>Writes a plan as an OGC GeoPackage (<c>places.gpkg</c>) in the plan's planar CRS, for QGIS, ArcGIS and GDAL.</summary>
/// <remarks>
/// <para>Three feature layers, in the plan's CRS (British National Grid, EPSG:27700, for British data; the CRS's WKT is
/// stored in <c>gpkg_spatial_ref_sys</c>):</para>
/// <list type="bullet">
/// <item><c>places</c>: one MULTIPOLYGON per place, its territory (<see cref="PlacePlan.Territories"/>), with
/// <c>place_id, cluster_id, authority, homes, tightness, rank, r90_m, area_km2, polsby_popper, reock, area_source</c>.</item>
/// <item><c>footprints</c>: one POLYGON per place, the convex hull of its homes (a point or line hull buffered by
/// <see cref="PlacesGeoJson.DegenerateBufferMeters"/>), with <c>place_id, cluster_id, authority, homes, hull_area_km2</c>.</item>
/// <item><c>homes</c>: one POINT per input home, in input order, with <c>home_id, authority, cluster_id, place_id, status, reason</c>.</item>
/// </list>
/// <para>Geometry blobs are written by NetTopologySuite.IO.GeoPackage, the tables through Microsoft.Data.Sqlite, following
/// GeoPackage 1.3 (application id <c>GPKG</c>). Deterministic: <c>last_change</c> is a fixed date, so the same plan writes the same bytes. No spatial index is written (QGIS and GDAL read the layers without one).
/// The file is built in a temporary file and copied to the stream. Size: about 120 bytes a home (123 MB for 1M homes).</para>
/// </remarks>
public static class PlacesGeoPackage
{
    /// <summary>The layer names, in the order written.</summary>
    public static IReadOnlyList<string> Layers { get; } = ["places", "footprints", "homes"];

    /// <summary>Writes the GeoPackage to a stream.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="stream">Where to write; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The temporary file could not be written.</exception>
    public static void Write(PlacePlan plan, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stream);
        string temp = Path.Combine(Path.GetTempPath(), $"placekit-{Guid.NewGuid():N}.gpkg");
        try
        {
            WriteFile(plan, temp);
            using var file = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            file.CopyTo(stream);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes the GeoPackage as a new file at <paramref name="path"/> (the export writes it in its temporary folder this way).</summary>
    /// <exception cref="IOException">A file already exists at <paramref name="path"/>.</exception>
    internal static void WriteNewFile(PlacePlan plan, string path)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (File.Exists(path) || Directory.Exists(path)) throw new IOException($"'{path}' already exists; the GeoPackage is only written as a new file.");
        WriteFile(plan, path);
    }

    /// <summary>Writes the file, a failure of the disk (full, unwritable) as an <see cref="IOException"/> like every other output's.</summary>
    private static void WriteFile(PlacePlan plan, string path)
    {
        try
        {
            Build(plan, path);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is raw.SQLITE_FULL or raw.SQLITE_IOERR or raw.SQLITE_CANTOPEN or raw.SQLITE_READONLY or raw.SQLITE_PERM)
        {
            string why = e.SqliteErrorCode == raw.SQLITE_FULL ? "No space left on device" : "The file could not be written";
            throw new IOException($"{why}: '{path}' (SQLite: {e.Message})", e);
        }
    }

    private static void Build(PlacePlan plan, string path)
    {
        var projection = plan.Homes.Projection;
        int srsId = SrsId(projection.Name);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        using var db = new SqliteConnection(builder.ToString());
        db.Open();
        Exec(db, "PRAGMA application_id = 1196444487; PRAGMA user_version = 10300; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
        using var tx = db.BeginTransaction();
        Exec(db, """
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
              description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
            INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
            """);
        if (srsId != 4326)
        {
            using var srs = Command(db, "INSERT INTO gpkg_spatial_ref_sys VALUES ($name, $id, $org, $code, $wkt, $desc)");
            srs.Parameters.AddWithValue("$name", projection.Name);
            srs.Parameters.AddWithValue("$id", srsId);
            srs.Parameters.AddWithValue("$org", srsId < 100_000 ? "EPSG" : "NONE");
            srs.Parameters.AddWithValue("$code", srsId);
            srs.Parameters.AddWithValue("$wkt", projection.Wkt);
            srs.Parameters.AddWithValue("$desc", "the plan's planar CRS");
            srs.ExecuteNonQuery();
        }

        var writer = new GeoPackageGeoWriter { HandleOrdinates = Ordinates.XY };
        var factory = new GeometryFactory(new PrecisionModel(), srsId);
        var map = plan.Territories;
        var sourceOf = map.Authorities.ToDictionary(a => a.Authority, a => a.Source == Territories.AuthorityAreaSource.Boundary ? "boundary" : "fallback", StringComparer.Ordinal);

        // places: territories.
        var territories = new Geometry[plan.Places.Count];
        for (int p = 0; p < territories.Length; p++) territories[p] = AsMulti(map.Places[p].Territory, factory);
        Layer(db, "places", "MULTIPOLYGON", srsId, Envelope(territories),
            "place_id TEXT NOT NULL, cluster_id INTEGER, authority TEXT, homes INTEGER, tightness REAL, rank INTEGER, r90_m REAL, area_km2 REAL, polsby_popper REAL, reock REAL, area_source TEXT");
        using (var insert = Command(db, "INSERT INTO places (geom, place_id, cluster_id, authority, homes, tightness, rank, r90_m, area_km2, polsby_popper, reock, area_source) VALUES ($g, $a, $b, $c, $d, $e, $f, $h, $i, $j, $k, $l)"))
        {
            var ps = Parameters(insert, "$g", "$a", "$b", "$c", "$d", "$e", "$f", "$h", "$i", "$j", "$k", "$l");
            for (int p = 0; p < territories.Length; p++)
            {
                var place = plan.Places[p];
                var t = map.Places[p];
                Set(ps, writer.Write(territories[p]), place.Id, place.Score.ClusterId, place.Authority, place.Homes, place.Tightness, place.Rank,
                    place.Score.R90Meters, t.AreaKm2, t.PolsbyPopper, t.Reock, sourceOf[place.Authority]);
                insert.ExecuteNonQuery();
            }
        }

        // footprints: hulls.
        var hulls = new Geometry[plan.Places.Count];
        for (int p = 0; p < hulls.Length; p++)
        {
            var hull = plan.Places[p].Score.Hull;
            var polygon = hull as Polygon ?? (Polygon)hull.Buffer(PlacesGeoJson.DegenerateBufferMeters, 4).ConvexHull();
            hulls[p] = factory.CreatePolygon(polygon.Shell.Coordinates);
        }

        Layer(db, "footprints", "POLYGON", srsId, Envelope(hulls), "place_id TEXT NOT NULL, cluster_id INTEGER, authority TEXT, homes INTEGER, hull_area_km2 REAL");
        using (var insert = Command(db, "INSERT INTO footprints (geom, place_id, cluster_id, authority, homes, hull_area_km2) VALUES ($g, $a, $b, $c, $d, $e)"))
        {
            var ps = Parameters(insert, "$g", "$a", "$b", "$c", "$d", "$e");
            for (int p = 0; p < hulls.Length; p++)
            {
                var place = plan.Places[p];
                Set(ps, writer.Write(hulls[p]), place.Id, place.Score.ClusterId, place.Authority, place.Homes, place.Score.HullAreaKm2);
                insert.ExecuteNonQuery();
            }
        }

        // homes: points, in input order.
        var homes = plan.Homes;
        var reasonOf = HomeReasons.Of(plan);
        var x = homes.XArray;
        var y = homes.YArray;
        var env = new Envelope();
        for (int i = 0; i < homes.Count; i++) env.ExpandToInclude(x[i], y[i]);
        Layer(db, "homes", "POINT", srsId, env, "home_id TEXT NOT NULL, authority TEXT, cluster_id INTEGER, place_id TEXT, status TEXT, reason TEXT");
        // Bound by position through SQLitePCL's statement API, which Microsoft.Data.Sqlite runs on: its own commands look
        // every parameter up by name on every row, which was most of this file's time at 1M homes. Texts are bound as
        // zero-terminated UTF-8, as SQLitePCL's string overload binds them, from bytes encoded once per distinct text
        // (authorities, places, statuses, reasons) or into one reused buffer (ids); each point's blob is written by
        // NetTopologySuite into one reused buffer. Same values, same bytes.
        var handle = db.Handle!;
        const int Batch = 32; // rows a statement: SQLite's per-statement work (AUTOINCREMENT's sqlite_sequence) once per batch
        const string InsertHomes = "INSERT INTO homes (geom, home_id, authority, cluster_id, place_id, status, reason) VALUES ";
        string Values(int rows) => string.Join(", ", Enumerable.Range(0, rows).Select(r => $"(?{(r * 7) + 1}, ?{(r * 7) + 2}, ?{(r * 7) + 3}, ?{(r * 7) + 4}, ?{(r * 7) + 5}, ?{(r * 7) + 6}, ?{(r * 7) + 7})"));
        Check(handle, raw.sqlite3_prepare_v2(handle, InsertHomes + Values(Batch), out var insertBatch));
        Check(handle, raw.sqlite3_prepare_v2(handle, InsertHomes + Values(1), out var insertOne));
        using (insertBatch)
        using (insertOne)
        {
            var authorityText = homes.Authorities.Select(utf8z.GetZeroTerminatedUTF8Bytes).ToArray();
            var placeText = plan.Places.Select(p => utf8z.GetZeroTerminatedUTF8Bytes(p.Id)).ToArray();
            byte[] placed = utf8z.GetZeroTerminatedUTF8Bytes("placed"), unplaced = utf8z.GetZeroTerminatedUTF8Bytes("unplaced"), none = utf8z.GetZeroTerminatedUTF8Bytes("");
            var reasonText = new Dictionary<string, byte[]>(ReferenceEqualityComparer.Instance); // HomeReasons shares one string a cluster
            var authority = homes.AuthorityArray;
            var clusterOfHome = plan.ClusterOfHomeArray;
            var placeOfHome = plan.PlaceIndexOfHome;
            var ids = homes.Ids;
            var id = new byte[256];
            var blob = new BlobBuffer();
            int full = homes.Count - (homes.Count % Batch);
            for (int i = 0; i < homes.Count; i++)
            {
                var statement = i < full ? insertBatch : insertOne;
                int at = i < full ? (i % Batch) * 7 : 0;
                int place = placeOfHome[i];
                blob.Reset();
                writer.Write(factory.CreatePoint(new Coordinate(x[i], y[i])), blob);
                Check(handle, raw.sqlite3_bind_blob(statement, at + 1, blob.Written));
                string homeId = ids[i];
                int idBytes = Encoding.UTF8.GetMaxByteCount(homeId.Length) + 1;
                if (idBytes > id.Length) id = new byte[Math.Max(idBytes, id.Length * 2)];
                int n = Encoding.UTF8.GetBytes(homeId, id);
                id[n] = 0;
                Check(handle, raw.sqlite3_bind_text(statement, at + 2, utf8z.FromSpan(id.AsSpan(0, n + 1))));
                Check(handle, raw.sqlite3_bind_text(statement, at + 3, utf8z.FromSpan(authorityText[authority[i]])));
                Check(handle, raw.sqlite3_bind_int64(statement, at + 4, clusterOfHome[i]));
                Check(handle, place < 0 ? raw.sqlite3_bind_null(statement, at + 5) : raw.sqlite3_bind_text(statement, at + 5, utf8z.FromSpan(placeText[place])));
                Check(handle, raw.sqlite3_bind_text(statement, at + 6, utf8z.FromSpan(place < 0 ? unplaced : placed)));
                byte[] reason = none;
                if (reasonOf[i] is { } r && !reasonText.TryGetValue(r, out reason!)) reasonText[r] = reason = utf8z.GetZeroTerminatedUTF8Bytes(r);
                Check(handle, raw.sqlite3_bind_text(statement, at + 7, utf8z.FromSpan(reason)));
                if (i >= full || i % Batch == Batch - 1)
                {
                    Check(handle, raw.sqlite3_step(statement), raw.SQLITE_DONE);
                    Check(handle, raw.sqlite3_reset(statement));
                }
            }
        }

        tx.Commit();
    }

    /// <summary>The GeoPackage srs_id of a CRS: its EPSG code for <c>EPSG:n</c>, else a private id.</summary>
    private static int SrsId(string name) =>
        name.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase) && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int code) ? code : 100_000;

    private static Geometry AsMulti(Geometry g, GeometryFactory factory)
    {
        var polygons = new List<Polygon>();
        for (int k = 0; k < g.NumGeometries; k++)
        {
            if (g.GetGeometryN(k) is Polygon { IsEmpty: false } p) polygons.Add((Polygon)factory.CreateGeometry(p));
        }

        return factory.CreateMultiPolygon([.. polygons]);
    }

    private static Envelope Envelope(Geometry[] geometries)
    {
        var env = new Envelope();
        foreach (var g in geometries) env.ExpandToInclude(g.EnvelopeInternal);
        return env;
    }

    private static void Layer(SqliteConnection db, string name, string type, int srsId, Envelope env, string columns)
    {
        Exec(db, $"CREATE TABLE {name} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom {type}, {columns})");
        using var contents = Command(db, "INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES ($t, 'features', $t, '2000-01-01T00:00:00.000Z', $x0, $y0, $x1, $y1, $s)");
        contents.Parameters.AddWithValue("$t", name);
        contents.Parameters.AddWithValue("$x0", env.IsNull ? 0 : env.MinX);
        contents.Parameters.AddWithValue("$y0", env.IsNull ? 0 : env.MinY);
        contents.Parameters.AddWithValue("$x1", env.IsNull ? 0 : env.MaxX);
        contents.Parameters.AddWithValue("$y1", env.IsNull ? 0 : env.MaxY);
        contents.Parameters.AddWithValue("$s", srsId);
        contents.ExecuteNonQuery();
        using var columnsRow = Command(db, "INSERT INTO gpkg_geometry_columns VALUES ($t, 'geom', $type, $s, 0, 0)");
        columnsRow.Parameters.AddWithValue("$t", name);
        columnsRow.Parameters.AddWithValue("$type", type);
        columnsRow.Parameters.AddWithValue("$s", srsId);
        columnsRow.ExecuteNonQuery();
    }

    /// <summary>Throws SQLite's error for a result code other than the one expected.</summary>
    private static void Check(sqlite3 db, int result, int expected = raw.SQLITE_OK)
    {
        if (result != expected) throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", result);
    }

    private static SqliteCommand Command(SqliteConnection db, string sql)
    {
        var c = db.CreateCommand();
        c.CommandText = sql;
        return c;
    }

    private static void Exec(SqliteConnection db, string sql)
    {
        using var c = Command(db, sql);
        c.ExecuteNonQuery();
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names)
    {
        var ps = new SqliteParameter[names.Length];
        for (int k = 0; k < names.Length; k++) ps[k] = command.Parameters.Add(new SqliteParameter(names[k], null));
        return ps;
    }

    private static void Set(SqliteParameter[] ps, params object?[] values)
    {
        for (int k = 0; k < ps.Length; k++) ps[k].Value = values[k] ?? DBNull.Value;
    }

    /// <summary>
    /// A growable in-memory stream that survives being disposed: NetTopologySuite's GeoPackage writer closes the stream
    /// it writes to, so one of these is reused for every point instead of a new MemoryStream and array per home.
    /// </summary>
    private sealed class BlobBuffer : Stream
    {
        private byte[] _bytes = new byte[128];
        private int _length;

        public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public void Reset() => _length = 0;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_length + buffer.Length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + buffer.Length));
            buffer.CopyTo(_bytes.AsSpan(_length));
            _length += buffer.Length;
        }

        public override void WriteByte(byte value) => Write([value]);

        // Closing (the writer's Dispose) leaves the buffer usable: Stream's own Dispose holds nothing of ours.
        protected override void Dispose(bool disposing) => base.Dispose(disposing);
    }
}
