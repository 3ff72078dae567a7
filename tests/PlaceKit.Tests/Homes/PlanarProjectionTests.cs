using PlaceKit.Homes;

namespace PlaceKit.Tests.Homes;

public class PlanarProjectionTests
{
    [Fact]
    public void BritishNationalGrid_KnownPoints_MatchProjCs2cs()
    {
        // Reference values from PROJ's cs2cs with EPSG:1314's Helmert parameters (OSGB36 to WGS84, about 2-5 m accuracy).
        var (lon, lat) = PlanarProjection.BritishNationalGrid.ToWgs84(398282.31, 287794.32);
        Assert.Equal(-2.026725, lon, 0.000002);
        Assert.Equal(52.488062, lat, 0.000002);
        Span<double> x = [1.7179215], y = [52.6575703];
        PlanarProjection.BritishNationalGrid.FromWgs84(x, y);
        Assert.Equal(651538.63, x[0], 0.05);
        Assert.Equal(313138.40, y[0], 0.05);
    }

    [Theory]
    [InlineData("EPSG:27700", "EPSG:27700")]
    [InlineData("27700", "EPSG:27700")]
    [InlineData("epsg:32630", "EPSG:32630")]
    [InlineData("EPSG:32733", "EPSG:32733")]
    public void Parse_KnownCodes(string text, string name) => Assert.Equal(name, PlanarProjection.Parse(text).Name);

    [Theory]
    [InlineData("EPSG:4326", "not a CRS PlaceKit knows by code")]
    [InlineData("banana", "is not a CRS")]
    [InlineData("PROJCS[broken", "could not be read")]
    public void Parse_Unknown_ThrowsNamingTheValue(string text, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => PlanarProjection.Parse(text));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void FromWkt_ProjectedCrs_RoundTrips()
    {
        var p = PlanarProjection.FromWkt(PlanarProjection.BritishNationalGrid.Wkt);
        Span<double> x = [500000], y = [300_000];
        p.ToWgs84(x, y);
        p.FromWgs84(x, y);
        Assert.Equal(500000, x[0], 0.01);
        Assert.Equal(300_000, y[0], 0.01);
        Assert.Equal("WKT", p.Name);
    }

    [Theory]
    [InlineData(-2.0, 52.5, "EPSG:27700")]
    [InlineData(13.4, 52.5, "EPSG:32633")]
    [InlineData(151.2, -33.9, "EPSG:32756")]
    public void ForLonLat_PicksBngInBritainElseUtm(double lon, double lat, string name) =>
        Assert.Equal(name, PlanarProjection.ForLonLat(lon, lat).Name);
}
