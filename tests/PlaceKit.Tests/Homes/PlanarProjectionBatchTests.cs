using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Homes;

namespace PlaceKit.Tests.Homes;

/// <summary>A batch of points in one CRS, shaped for the ways a batch went wrong: long arrays, chunk edges, repeated points.</summary>
public sealed record PointBatch(string Crs, double[] Longitudes, double[] Latitudes)
{
    public override string ToString() => $"{Longitudes.Length} points in {Crs}";
}

/// <summary>
/// Batch projection is exact for every point whatever its position in the array, its chunk or the thread, against PROJ
/// reference values (pasted in below with the commands that made them).
/// </summary>
public class PlanarProjectionBatchTests
{
    private const string Bng = "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy " +
                               "+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m";

    /// <summary>
    /// PROJ 9.1.1: <c>cs2cs +proj=longlat +datum=WGS84 +to {Bng} -f %.4f</c> (the same 7-parameter Helmert as PlaceKit's
    /// British National Grid).
    /// </summary>
    private static readonly (double Lon, double Lat, double E, double N)[] GbFromWgs84 =
    [
        (-2.026725, 52.488062, 398282.3074, 287794.3206),
        (1.7179215, 52.6575703, 651538.6350, 313138.4036),
        (-0.1275, 51.507222, 530050.0719, 180360.8326),
        (-3.188267, 55.953252, 325899.1868, 673995.8242),
        (-4.251433, 55.864237, 259198.8480, 665743.0859),
        (-5.714722, 50.066389, 134264.5293, 25087.0518),
        (-6.261, 58.2091, 149800.3122, 932396.6177),
        (-1.145, 60.155, 447567.4176, 1141475.5938),
        (-3.0, 53.4, 333607.9125, 389707.6777),
        (1.297, 52.628, 623231.2603, 308463.8456),
        (-2.58791, 51.454514, 359246.5165, 173001.0793),
        (-7.3, 57.5, 82647.9051, 857930.5568),
    ];

    /// <summary>PROJ 9.1.1: <c>cs2cs {Bng} +to +proj=longlat +datum=WGS84 -f %.10f</c>.</summary>
    private static readonly (double E, double N, double Lon, double Lat)[] GbToWgs84 =
    [
        (398282.31, 287794.32, -2.0267249503, 52.4880619912),
        (530000, 180000, -0.1283539405, 51.5039908276),
        (325000, 673000, -3.2023861815, 55.9441670471),
        (651538.63, 313138.40, 1.7179214375, 52.6575702666),
        (140000, 25000, -5.6346882796, 50.0681429242),
        (460000, 1140000, -0.9215340268, 60.1401197510),
        (200000, 850000, -5.3391612468, 57.4959339550),
    ];

    /// <summary>
    /// PROJ 9.1.1: <c>cs2cs +proj=longlat +datum=WGS84 +to +proj=utm +zone=Z [+south] +datum=WGS84 -f %.4f</c>.
    /// </summary>
    private static readonly (string Crs, double Lon, double Lat, double E, double N)[] UtmFromWgs84 =
    [
        ("EPSG:32633", 13.4, 52.52, 391440.0321, 5820079.6669),
        ("EPSG:32633", 11.2, 48.1, 217107.5962, 5334402.2128),
        ("EPSG:32756", 151.2, -33.87, 333510.6501, 6250800.2412),
        ("EPSG:32756", 149.1, -35.3, 145330.6589, 6086705.7104),
        ("EPSG:32618", -74.0, 40.7, 584482.3523, 4505935.8694),
        ("EPSG:32618", -76.5, 42.0, 375772.0569, 4650864.4565),
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(700)]
    [InlineData(4090)]
    [InlineData(4096)]
    [InlineData(65_531)]
    [InlineData(99_988)]
    public void FromWgs84_ReferencePointsAnywhereInALongArray_MatchProjToAMillimetre(int at)
    {
        var (lon, lat) = RandomGb(100_000, seed: at);
        for (int i = 0; i < GbFromWgs84.Length; i++) (lon[at + i], lat[at + i]) = (GbFromWgs84[i].Lon, GbFromWgs84[i].Lat);

        PlanarProjection.BritishNationalGrid.FromWgs84(lon, lat);

        for (int i = 0; i < GbFromWgs84.Length; i++)
        {
            var r = GbFromWgs84[i];
            double error = Math.Sqrt(Square(lon[at + i] - r.E) + Square(lat[at + i] - r.N));
            Assert.True(error <= 0.001, $"point {i} at index {at + i}: {error * 1000:F3} mm from PROJ");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4093)]
    [InlineData(99_993)]
    public void ToWgs84_ReferencePointsAnywhereInALongArray_MatchProj(int at)
    {
        var (lon, lat) = RandomGb(100_000, seed: at);
        var projection = PlanarProjection.BritishNationalGrid;
        projection.FromWgs84(lon, lat);
        for (int i = 0; i < GbToWgs84.Length; i++) (lon[at + i], lat[at + i]) = (GbToWgs84[i].E, GbToWgs84[i].N);

        projection.ToWgs84(lon, lat);

        // Planar to WGS84 is the exact inverse of WGS84 to planar (which matches PROJ to 1 mm). PROJ's own two
        // directions are not exact inverses for a 2-D CRS with a datum shift: each drops the height in a different
        // datum, so a PROJ round trip in Great Britain moves a point by up to 1.06 mm. Hence 1.5 mm here.
        for (int i = 0; i < GbToWgs84.Length; i++)
        {
            var r = GbToWgs84[i];
            double metres = Math.Sqrt(Square((lon[at + i] - r.Lon) * 111_320 * Math.Cos(r.Lat * Math.PI / 180)) + Square((lat[at + i] - r.Lat) * 111_000));
            Assert.True(metres <= 0.0015, $"point {i} at index {at + i}: {metres * 1000:F3} mm from PROJ");
        }
    }

    [Fact]
    public void Utm_ReferencePointsDeepInALongArray_MatchProjToAMillimetre()
    {
        foreach (var group in UtmFromWgs84.GroupBy(r => r.Crs))
        {
            var projection = PlanarProjection.Parse(group.Key);
            var refs = group.ToArray();
            var lon = Enumerable.Repeat(refs[0].Lon, 20_000).ToArray();
            var lat = Enumerable.Repeat(refs[0].Lat, 20_000).ToArray();
            for (int i = 0; i < refs.Length; i++) (lon[17_000 + i], lat[17_000 + i]) = (refs[i].Lon, refs[i].Lat);
            projection.FromWgs84(lon, lat);
            for (int i = 0; i < refs.Length; i++)
            {
                double error = Math.Sqrt(Square(lon[17_000 + i] - refs[i].E) + Square(lat[17_000 + i] - refs[i].N));
                Assert.True(error <= 0.001, $"{group.Key} point {i}: {error * 1000:F3} mm from PROJ");
            }
        }
    }

    public static Arbitrary<PointBatch> Batches() =>
        (from crs in Gen.Elements("EPSG:27700", "EPSG:32630", "EPSG:32633", "EPSG:32756", "EPSG:32618")
         from length in Gen.OneOf(Gen.Choose(1, 50), Gen.Elements(4095, 4096, 4097, 8193), Gen.Choose(51, 100_000))
         from repeated in Gen.Elements(false, true)
         from seed in Gen.Choose(0, int.MaxValue)
         select Build(crs, length, repeated, seed)).ToArbitrary();

    [Property(MaxTest = 25, Arbitrary = [typeof(PlanarProjectionBatchTests)])]
    public Property Batch_EqualsOnePointAtATime_AndRoundTripsToANanodegree(PointBatch batch)
    {
        var projection = PlanarProjection.Parse(batch.Crs);
        var x = (double[])batch.Longitudes.Clone();
        var y = (double[])batch.Latitudes.Clone();
        projection.FromWgs84(x, y);

        int firstMismatch = -1;
        for (int i = 0; i < x.Length && firstMismatch < 0; i++)
        {
            Span<double> px = [batch.Longitudes[i]], py = [batch.Latitudes[i]];
            projection.FromWgs84(px, py);
            if (px[0] != x[i] || py[0] != y[i]) firstMismatch = i;
            var (lon, lat) = projection.ToWgs84(x[i], y[i]);
            Span<double> bx = [x[i]], by = [y[i]];
            projection.ToWgs84(bx, by);
            if (bx[0] != lon || by[0] != lat) firstMismatch = i;
        }

        projection.ToWgs84(x, y);
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            worst = Math.Max(worst, Math.Max(Math.Abs(x[i] - batch.Longitudes[i]), Math.Abs(y[i] - batch.Latitudes[i])));
        }

        return (firstMismatch < 0).Label($"batch differs from one point at index {firstMismatch}")
            .And(worst <= 1e-9).Label($"round trip off by {worst:E2} degrees");
    }

    [Fact]
    public void Batch_SameOnAnyThreadCountAndChunking()
    {
        var (lon, lat) = RandomGb(60_000, seed: 5);
        var projection = PlanarProjection.BritishNationalGrid;
        var wholeX = (double[])lon.Clone();
        var wholeY = (double[])lat.Clone();
        projection.FromWgs84(wholeX, wholeY);

        foreach (int size in new[] { 1, 7, 1000, 4097 })
        {
            var x = (double[])lon.Clone();
            var y = (double[])lat.Clone();
            int parts = (x.Length + size - 1) / size;
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p =>
            {
                int start = p * size, n = Math.Min(size, x.Length - start);
                projection.FromWgs84(x.AsSpan(start, n), y.AsSpan(start, n));
            });
            Assert.Equal(wholeX, x);
            Assert.Equal(wholeY, y);

            // And back, on many threads at once (each call takes its own ProjNET transforms).
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p =>
            {
                int start = p * size, n = Math.Min(size, x.Length - start);
                projection.ToWgs84(x.AsSpan(start, n), y.AsSpan(start, n));
            });
            var backX = (double[])wholeX.Clone();
            var backY = (double[])wholeY.Clone();
            projection.ToWgs84(backX, backY);
            Assert.Equal(backX, x);
            Assert.Equal(backY, y);
        }
    }

    private static PointBatch Build(string crs, int length, bool repeated, int seed)
    {
        var rng = new Random(seed);
        var projection = PlanarProjection.Parse(crs);
        var area = projection.ValidLonLatArea!.Value;
        double west = crs == "EPSG:27700" ? -8 : area.MinX + 6, east = crs == "EPSG:27700" ? 1.8 : area.MaxX - 6;
        double south = crs == "EPSG:27700" ? 49.9 : crs == "EPSG:32756" ? -45 : 30;
        double north = crs == "EPSG:27700" ? 60.8 : crs == "EPSG:32756" ? -10 : 65;
        var lon = new double[length];
        var lat = new double[length];
        for (int i = 0; i < length; i++)
        {
            if (repeated && i > 0 && rng.Next(3) == 0)
            {
                (lon[i], lat[i]) = (lon[i - 1], lat[i - 1]);
                continue;
            }

            lon[i] = west + (rng.NextDouble() * (east - west));
            lat[i] = south + (rng.NextDouble() * (north - south));
        }

        return new PointBatch(crs, lon, lat);
    }

    private static (double[] Lon, double[] Lat) RandomGb(int n, int seed)
    {
        var batch = Build("EPSG:27700", n, repeated: false, seed);
        return (batch.Longitudes, batch.Latitudes);
    }

    private static double Square(double v) => v * v;
}

/// <summary>The same stock given as British National Grid or as WGS84 lon/lat gives the same plan.</summary>
public class LonLatPlanTests
{
    [Theory]
    [InlineData(PlaceKit.Clustering.ClusteringAlgorithm.KMeans)]
    [InlineData(PlaceKit.Clustering.ClusteringAlgorithm.SizeConstrained)]
    public void LonLatStock_GivesTheSamePlanAsItsBritishNationalGridOriginal(PlaceKit.Clustering.ClusteringAlgorithm algorithm)
    {
        var homes = SampleStock.Generate(20_000, 8, seed: 12);
        var x = homes.Select(h => h.X).ToArray();
        var y = homes.Select(h => h.Y).ToArray();
        PlanarProjection.BritishNationalGrid.ToWgs84(x, y);
        var bng = new StringWriter();
        HomeCsv.Write(homes, bng);
        var lonLat = new StringWriter();
        lonLat.WriteLine("id,longitude,latitude,authority");
        for (int i = 0; i < homes.Count; i++)
        {
            lonLat.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{homes[i].Id},{x[i]:R},{y[i]:R},{homes[i].Authority}"));
        }

        var options = new PlaceKit.Planning.PlaceKitOptions { Clustering = { TargetSize = 450, Algorithm = algorithm, MaxRadiusMeters = 1500 } };
        var fromBng = PlaceKit.Planning.PlaceDefiner.Create(options).Define(HomeCsv.Read(new StringReader(bng.ToString())));
        var fromLonLat = PlaceKit.Planning.PlaceDefiner.Create(options).Define(HomeCsv.Read(new StringReader(lonLat.ToString())));

        Assert.Equal("EPSG:27700", fromLonLat.Homes.Projection.Name);
        Assert.Equal(fromBng.ClusterOfHome.ToArray(), fromLonLat.ClusterOfHome.ToArray());
        Assert.Equal(fromBng.PlaceIndexOfHome.ToArray(), fromLonLat.PlaceIndexOfHome.ToArray());
        Assert.Equal(fromBng.Coverage.Headline, fromLonLat.Coverage.Headline);
    }
}
