using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace PlaceKit.Homes;

/// <summary>
/// A projected coordinate reference system in metres, with its transformation to and from WGS84 lon/lat,
/// backed by ProjNET. All PlaceKit algorithms work in these planar metres.
/// </summary>
/// <remarks>
/// Known EPSG codes: 27700 (British National Grid), 32601–32660 and 32701–32760 (WGS84 / UTM), 3857 (Web Mercator,
/// accepted but distorts distances away from the equator). Any other CRS is given as OGC WKT
/// (<see cref="FromWkt(string)"/>). Lon/lat input is projected to British National Grid when it lies in Great
/// Britain, otherwise to the UTM zone of its centre (<see cref="ForLonLat(double, double)"/>).
/// <para>Every point is transformed on its own, with its own zero height: the result for a point does not depend on its
/// position in the span, the span's length or the thread. With a datum shift (British National Grid's 7-parameter
/// Helmert), WGS84 to planar follows PROJ's 2-D pipeline to well under a millimetre, and planar to WGS84 is its exact
/// inverse (a round trip returns the input to 1e-9 degrees); ProjNET's approximate inverse steps are corrected.</para>
/// <para>Thread-safe: each call uses its own ProjNET transforms (kept for reuse), so calls from several threads run in parallel.</para>
/// </remarks>
public sealed class PlanarProjection
{
    /// <summary>OGC WKT of British National Grid (EPSG:27700) with the OSGB36 to WGS84 Helmert parameters.</summary>
    private const string BritishNationalGridWkt =
        "PROJCS[\"OSGB 1936 / British National Grid\",GEOGCS[\"OSGB 1936\",DATUM[\"OSGB_1936\",SPHEROID[\"Airy 1830\",6377563.396,299.3249646,AUTHORITY[\"EPSG\",\"7001\"]]," +
        "TOWGS84[446.448,-125.157,542.06,0.15,0.247,0.842,-20.489],AUTHORITY[\"EPSG\",\"6277\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]]," +
        "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4277\"]],PROJECTION[\"Transverse_Mercator\"]," +
        "PARAMETER[\"latitude_of_origin\",49],PARAMETER[\"central_meridian\",-2],PARAMETER[\"scale_factor\",0.9996012717],PARAMETER[\"false_easting\",400000]," +
        "PARAMETER[\"false_northing\",-100000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"27700\"]]";

    private readonly ProjectedCoordinateSystem _system;
    private readonly ConcurrentBag<Transforms> _idle = [];

    private PlanarProjection(string name, ProjectedCoordinateSystem system, GridArea? validArea, GridArea? validLonLat)
    {
        Name = name;
        Wkt = system.WKT;
        ValidArea = validArea;
        ValidLonLatArea = validLonLat;
        _system = system;
        _idle.Add(new Transforms(system)); // builds once here, so a bad CRS fails at construction, not at first use
    }

    /// <summary>British National Grid (EPSG:27700), the default CRS for easting/northing input.</summary>
    public static PlanarProjection BritishNationalGrid { get; } = new(
        "EPSG:27700",
        (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(BritishNationalGridWkt),
        new GridArea(0, 700_000, 0, 1_300_000),
        new GridArea(-9.0, 2.1, 49.75, 61.0));

    /// <summary>A short name for the CRS, e.g. <c>EPSG:27700</c> or <c>EPSG:32630</c>, or <c>WKT</c> for a custom one.</summary>
    public string Name { get; }

    /// <summary>The OGC WKT of the projected CRS.</summary>
    public string Wkt { get; }

    /// <summary>The planar area (metres) inside which input coordinates are accepted; <see langword="null"/> when unknown.</summary>
    public GridArea? ValidArea { get; }

    /// <summary>The lon/lat area (degrees) this projection is meant for; <see langword="null"/> when unknown.</summary>
    public GridArea? ValidLonLatArea { get; }

    /// <summary>The WGS84 / UTM projection of a zone.</summary>
    /// <param name="zone">UTM zone, 1 to 60.</param>
    /// <param name="north"><see langword="true"/> for the northern hemisphere.</param>
    /// <returns>The projection.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="zone"/> is outside [1-60].</exception>
    public static PlanarProjection Utm(int zone, bool north)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(zone, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(zone, 60);
        double west = -180 + ((zone - 1) * 6);
        return new PlanarProjection(
            $"EPSG:{(north ? 32600 : 32700) + zone}",
            ProjectedCoordinateSystem.WGS84_UTM(zone, north),
            new GridArea(-500_000, 1_500_000, north ? -100_000 : 0, north ? 9_400_000 : 10_100_000),
            new GridArea(west - 6, west + 12, north ? -1 : -80, north ? 84 : 1));
    }

    /// <summary>Picks the projection for lon/lat data centred at the given point: British National Grid inside Great Britain, otherwise the UTM zone.</summary>
    /// <param name="centreLongitude">Longitude of the data's centre, degrees.</param>
    /// <param name="centreLatitude">Latitude of the data's centre, degrees.</param>
    /// <returns>The projection to use.</returns>
    public static PlanarProjection ForLonLat(double centreLongitude, double centreLatitude)
    {
        if (BritishNationalGrid.ValidLonLatArea!.Value.Contains(centreLongitude, centreLatitude)) return BritishNationalGrid;
        int zone = Math.Clamp((int)Math.Floor((centreLongitude + 180) / 6) + 1, 1, 60);
        return Utm(zone, centreLatitude >= 0);
    }

    /// <summary>A projection from an EPSG code PlaceKit knows (27700, 326xx, 327xx, 3857).</summary>
    /// <param name="code">The EPSG code.</param>
    /// <returns>The projection.</returns>
    /// <exception cref="ArgumentException">The code is not a known projected CRS; pass its WKT instead.</exception>
    public static PlanarProjection FromEpsg(int code)
    {
        if (code == 27700) return BritishNationalGrid;
        if (code is > 32600 and <= 32660) return Utm(code - 32600, true);
        if (code is > 32700 and <= 32760) return Utm(code - 32700, false);
        if (code == 3857)
        {
            return new PlanarProjection(
                "EPSG:3857",
                ProjectedCoordinateSystem.WebMercator,
                new GridArea(-20_037_508.35, 20_037_508.35, -20_048_966.1, 20_048_966.1),
                new GridArea(-180, 180, -85.06, 85.06));
        }

        throw new ArgumentException(
            $"EPSG:{code.ToString(CultureInfo.InvariantCulture)} is not a CRS PlaceKit knows by code (known: 27700, 32601-32660, 32701-32760, 3857); pass its WKT instead.",
            nameof(code));
    }

    /// <summary>A projection from OGC WKT of a projected CRS in metres.</summary>
    /// <param name="wkt">The WKT text (PROJCS[...]).</param>
    /// <returns>The projection.</returns>
    /// <exception cref="ArgumentException">The WKT cannot be parsed or is not a projected CRS.</exception>
    public static PlanarProjection FromWkt(string wkt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(wkt);
        object parsed;
        try
        {
            parsed = new CoordinateSystemFactory().CreateFromWkt(wkt);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw new ArgumentException($"The CRS WKT could not be read: {ex.Message}", nameof(wkt), ex);
        }

        if (parsed is not ProjectedCoordinateSystem projected)
        {
            throw new ArgumentException("The CRS WKT is not a projected coordinate system (PROJCS) in metres.", nameof(wkt));
        }

        return new PlanarProjection("WKT", projected, null, null);
    }

    /// <summary>Parses a CRS as given on a command line or in settings: <c>EPSG:27700</c>, <c>27700</c> or WKT.</summary>
    /// <param name="text">The CRS text.</param>
    /// <returns>The projection.</returns>
    /// <exception cref="ArgumentException">The text names no CRS PlaceKit can use.</exception>
    public static PlanarProjection Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var t = text.Trim();
        if (t.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase)) t = t[5..];
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int code)) return FromEpsg(code);
        if (text.TrimStart().StartsWith("PROJCS", StringComparison.OrdinalIgnoreCase)) return FromWkt(text);
        throw new ArgumentException($"'{text}' is not a CRS: give EPSG:N or the WKT of a projected CRS.", nameof(text));
    }

    /// <summary>Transforms planar coordinates to WGS84 longitude (into <paramref name="x"/>) and latitude (into <paramref name="y"/>), in place.</summary>
    /// <param name="x">Eastings in, longitudes out.</param>
    /// <param name="y">Northings in, latitudes out.</param>
    public void ToWgs84(Span<double> x, Span<double> y)
    {
        CheckLengths(x, y);
        Run(x, y, static (t, xs, ys) => t.ToWgs84(xs, ys));
    }

    /// <summary>Transforms WGS84 longitude (in <paramref name="x"/>) and latitude (in <paramref name="y"/>) to planar metres, in place.</summary>
    /// <param name="x">Longitudes in, eastings out.</param>
    /// <param name="y">Latitudes in, northings out.</param>
    public void FromWgs84(Span<double> x, Span<double> y)
    {
        CheckLengths(x, y);
        Run(x, y, static (t, xs, ys) => t.FromWgs84(xs, ys));
    }

    /// <summary>Transforms one planar point to WGS84.</summary>
    /// <param name="x">Easting, metres.</param>
    /// <param name="y">Northing, metres.</param>
    /// <returns>Longitude and latitude in degrees.</returns>
    public (double Longitude, double Latitude) ToWgs84(double x, double y)
    {
        Span<double> xs = [x];
        Span<double> ys = [y];
        ToWgs84(xs, ys);
        return (xs[0], ys[0]);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static void CheckLengths(Span<double> x, Span<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("x and y must have the same length.", nameof(y));
    }

    /// <summary>
    /// Runs a transformation over the points with a set of ProjNET transforms no other call is using (ProjNET's are not
    /// thread-safe), so that calls from several threads (the export's writers) run side by side instead of in turn.
    /// </summary>
    private void Run(Span<double> x, Span<double> y, SpanTransform transform)
    {
        if (x.IsEmpty) return;
        var t = Rent();
        try
        {
            transform(t, x, y);
        }
        finally
        {
            _idle.Add(t);
        }
    }

    private Transforms Rent()
    {
        if (_idle.TryTake(out var t)) return t;
        lock (_idle) return new Transforms(_system); // built one at a time: the CRS objects are shared
    }

    private delegate void SpanTransform(Transforms transforms, Span<double> x, Span<double> y);

    /// <summary>One set of ProjNET transforms of the CRS, used by one call at a time.</summary>
    private sealed class Transforms
    {
        private readonly MathTransform _toWgs84;
        private readonly MathTransform _fromWgs84;
        private readonly DatumShiftChain? _datumShift;

        internal Transforms(ProjectedCoordinateSystem system)
        {
            var wgs84 = GeographicCoordinateSystem.WGS84;
            var factory = new CoordinateTransformationFactory();
            _toWgs84 = factory.CreateFromCoordinateSystems(system, wgs84).MathTransform;
            _fromWgs84 = factory.CreateFromCoordinateSystems(wgs84, system).MathTransform;
            var shift = system.GeographicCoordinateSystem.HorizontalDatum.Wgs84Parameters;
            if (shift is not null && !shift.HasZeroValuesOnly) _datumShift = new DatumShiftChain(system);
        }

        internal void ToWgs84(Span<double> x, Span<double> y)
        {
            if (_datumShift is not null) _datumShift.ToWgs84(x, y);
            else Transform(_toWgs84, x, y);
        }

        internal void FromWgs84(Span<double> x, Span<double> y)
        {
            if (_datumShift is not null) _datumShift.FromWgs84(x, y);
            else Transform(_fromWgs84, x, y);
        }
    }

    /// <summary>
    /// Runs ProjNET's batch transform in chunks with a zeroed height per point. Without a height span ProjNET reuses one
    /// height cell for the whole batch, so a datum shift's height change carried from each point into the next.
    /// </summary>
    private static void Transform(MathTransform transform, Span<double> x, Span<double> y)
    {
        if (x.IsEmpty) return;
        double[] z = ArrayPool<double>.Shared.Rent(Math.Min(DatumShiftChain.Chunk, x.Length));
        try
        {
            for (int start = 0; start < x.Length; start += DatumShiftChain.Chunk)
            {
                int length = Math.Min(DatumShiftChain.Chunk, x.Length - start);
                var zs = z.AsSpan(0, length);
                zs.Clear();
                transform.Transform(x.Slice(start, length), y.Slice(start, length), zs, 1, 1, 1);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(z);
        }
    }
}
