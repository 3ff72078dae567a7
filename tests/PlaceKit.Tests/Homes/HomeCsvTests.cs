using System.Text;
using PlaceKit.Homes;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Homes;

public class HomeCsvTests
{
    [Fact]
    public void Read_EastingNorthing_ReadsColumnsByNameInAnyOrderAndIgnoresExtras()
    {
        var set = TestCsv.Read("Authority,postcode,Northing,ID,Easting", "E08000028,B1 1AA,292071.1,H1,398763.3", "E07000080,GL1,207975.6,H2,374832.4");
        Assert.Equal(2, set.Count);
        Assert.Equal(["H1", "H2"], set.Ids);
        Assert.Equal(398763.3, set.X[0]);
        Assert.Equal(207975.6, set.Y[1]);
        Assert.Equal(["E08000028", "E07000080"], set.Authorities);
        Assert.Equal(CoordinateKind.Projected, set.InputKind);
        Assert.Equal("EPSG:27700", set.Projection.Name);
        Assert.Equal(3, set.LineOf(1));
    }

    [Theory]
    [InlineData("id,x,y,la")]
    [InlineData("id,easting,northing,lad")]
    [InlineData("id,easting,northing,lad_code")]
    [InlineData("id,easting,northing,local_authority")]
    public void Read_Aliases_AreAccepted(string header)
    {
        var set = TestCsv.Read(header, "H1,398763.3,292071.1,E1");
        Assert.Equal("E1", set.Authorities[0]);
    }

    [Fact]
    public void Read_SemicolonQuotedCrlfAndBom_AreReadCorrectly()
    {
        string text = "\uFEFFid;easting;northing;authority\r\n\"H;1\";398763.3;292071.1;\"E08000028\"\r\nH2;374832.4;207975.6;E07000080\r\n";
        var set = TestCsv.ReadBytes(Encoding.UTF8.GetBytes(text));
        Assert.Equal(["H;1", "H2"], set.Ids);
        Assert.Equal(292071.1, set.Y[0]);
    }

    [Fact]
    public void Read_Utf16WithBom_IsRead()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("id,easting,northing,authority\nH1,398763.3,292071.1,E1\n")).ToArray();
        Assert.Equal("H1", TestCsv.ReadBytes(bytes).Ids[0]);
    }

    [Fact]
    public void Read_LonLat_ProjectsToBritishNationalGridWithinAMetre()
    {
        // Reference from PROJ's cs2cs with the same OSGB36 Helmert parameters: (-2.019730, 52.526648) -> (398758.48, 292086.31).
        var set = TestCsv.Read("id,lng,lat,authority", "H0000001,-2.019730,52.526648,E08000028");
        Assert.Equal(CoordinateKind.LonLat, set.InputKind);
        Assert.Equal("EPSG:27700", set.Projection.Name);
        Assert.Equal(398758.48, set.X[0], 0.05);
        Assert.Equal(292086.31, set.Y[0], 0.05);
    }

    [Fact]
    public void Read_LonLatOutsideBritain_UsesUtmZoneOfCentre()
    {
        var set = TestCsv.Read("id,longitude,latitude,authority", "A,2.35,48.85,75056", "B,2.36,48.86,75056");
        Assert.Equal("EPSG:32631", set.Projection.Name);
        var (lon, lat) = set.Projection.ToWgs84(set.X[0], set.Y[0]);
        Assert.Equal(2.35, lon, 6);
        Assert.Equal(48.85, lat, 6);
    }

    [Fact]
    public void Read_LatitudeOutOfRange_ThrowsNamingLineHomeFieldAndValue()
    {
        var ex = Assert.Throws<HomeDataException>(() => TestCsv.Read("id,longitude,latitude,authority", "h-16,-1.5,52.1,E1", "h-17,10,91.5,E1"));
        var p = Assert.Single(ex.Problems);
        Assert.Equal(3, p.Line);
        Assert.Equal("h-17", p.HomeId);
        Assert.Equal("latitude", p.Field);
        Assert.Equal("91.5", p.Value);
        Assert.Contains("line 3, home 'h-17', field 'latitude' = '91.5': latitude is outside [-90, 90]", ex.Message);
    }

    [Fact]
    public void Read_ManyProblems_ReportsEveryOneNotOnlyTheFirst()
    {
        var ex = Assert.Throws<HomeDataException>(() => TestCsv.Read(
            "id,easting,northing,authority",
            ",398763.3,292071.1,E1",
            "H2,abc,292071.1,E1",
            "H3,398763.3,NaN,E1",
            "H4,398763.3,292071.1,",
            "H5,\"398763,3\",292071.1,E1",
            "H6,398763.3,292071.1,E1",
            "H6,398763.3,292071.1,E1",
            "H8,398763.3,292071.1",
            "H9,-5,292071.1,E1"));
        Assert.Equal(8, ex.TotalProblems);
        string[] expected =
        [
            "line 2, field 'id' = '': id is empty",
            "line 3, home 'H2', field 'easting' = 'abc': easting is not a number",
            "line 4, home 'H3', field 'northing' = 'NaN': northing is not a finite number",
            "line 5, home 'H4', field 'authority' = '': authority is empty",
            "line 6, home 'H5', field 'easting' = '398763,3': easting is not a number: it uses ',' as a decimal separator; use '.'",
            "line 8, home 'H6', field 'id' = 'H6': duplicate id: also on line 7",
            "line 9, home 'H8': row has 3 fields but the header has 4",
            "line 10, home 'H9', field 'easting' = '-5': easting is outside the valid area of EPSG:27700 [0 to 700000]",
        ];
        foreach (var e in expected) Assert.Contains(e, ex.Message);
    }

    [Fact]
    public void Read_ProblemsBeyondCap_AreCountedNotListed()
    {
        var lines = new List<string> { "id,easting,northing,authority" };
        for (int i = 0; i < 30; i++) lines.Add($"H{i},x,1,E1");
        var ex = Assert.Throws<HomeDataException>(() => HomeCsv.Read(new StringReader(TestCsv.Text([.. lines])), new HomeCsvOptions { MaxProblems = 5 }));
        Assert.Equal(5, ex.Problems.Count);
        Assert.Equal(30, ex.TotalProblems);
        Assert.EndsWith("... and 25 more.", ex.Message);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("id,easting,northing,authority", "the file has a header but no homes")]
    [InlineData("easting,northing,authority\n1,2,E1", "missing column id")]
    [InlineData("id,easting,authority\nH1,2,E1", "missing column northing (or y)")]
    [InlineData("id,authority\nH1,E1", "missing column easting,northing (or x,y) or longitude,latitude")]
    [InlineData("id,easting,northing\nH1,1,2", "missing column authority")]
    [InlineData("id,id,easting,northing,authority\nH1,H1,1,2,E1", "duplicate column name: columns 1 and 2 are both 'id'")]
    public void Read_BadStructure_ThrowsWithClearMessage(string text, string expected)
    {
        var ex = Assert.Throws<HomeDataException>(() => HomeCsv.Read(new StringReader(text)));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Read_NotUtf8_SaysSo()
    {
        var bytes = Encoding.Latin1.GetBytes("id,easting,northing,authority\nCaf\u00e9,398763.3,292071.1,E1\n");
        var ex = Assert.Throws<HomeDataException>(() => TestCsv.ReadBytes(bytes));
        Assert.Contains("not UTF-8", ex.Message);
    }

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        var homes = SampleStock.Generate(500, 3, 1);
        var sw = new StringWriter();
        HomeCsv.Write(homes, sw);
        var set = HomeCsv.Read(new StringReader(sw.ToString()));
        Assert.Equal(homes.Select(h => h.Id), set.Ids);
        for (int i = 0; i < homes.Count; i++) Assert.Equal(homes[i], set[i]);
    }

    [Theory]
    [InlineData("id,easting,northing,longitude,latitude,authority", "H1,400000,300000,151.2,-33.9,E1", "both easting/northing columns (easting,northing) and longitude/latitude columns (longitude,latitude) are present")]
    [InlineData("id,easting,northing,authority,la", "H1,400000,300000,E1,E2", "columns 'authority' and 'la' both give the authority")]
    [InlineData("id,easting,x,northing,authority", "H1,400000,400001,300000,E1", "columns 'easting' and 'x' both give the easting")]
    public void Read_ConflictingColumns_AreRefusedNamingThem(string header, string row, string expected)
    {
        var ex = Assert.Throws<HomeDataException>(() => TestCsv.Read(header, row));
        Assert.Contains(expected, ex.Message);
        Assert.All(ex.Problems, p => Assert.Equal(1, p.Line));
    }

    [Fact]
    public void Read_LonLatAcrossTheAntimeridian_IsAcceptedAndProjectedSideBySide()
    {
        var set = TestCsv.Read("id,longitude,latitude,authority", "H1,179.99,-16.5,FJ", "H2,-179.99,-16.5,FJ", "H3,179.995,-16.51,FJ");
        Assert.Equal(3, set.Count);
        Assert.StartsWith("EPSG:327", set.Projection.Name, StringComparison.Ordinal); // one southern UTM zone
        double d = Math.Sqrt(Math.Pow(set.X[0] - set.X[1], 2) + Math.Pow(set.Y[0] - set.Y[1], 2));
        Assert.InRange(d, 2000, 2300); // 0.02 degrees of longitude at 16.5 S: about 2.13 km, not 40,000 km
    }

    [Fact]
    public void Read_HomesOnTwoContinents_GiveOneClearMessage()
    {
        var rows = Enumerable.Range(0, 60).Select(i => i < 30
            ? FormattableString.Invariant($"L{i},{-0.1 + (i * 0.001)},51.5,E09000001")
            : FormattableString.Invariant($"S{i},{151.2 + (i * 0.001)},-33.9,AU1"));
        var ex = Assert.Throws<HomeDataException>(() => TestCsv.Read(["id,longitude,latitude,authority", .. rows]));
        var p = Assert.Single(ex.Problems);
        Assert.Contains("too far apart for one projection", p.Message);
        Assert.Contains("--crs", p.Message);
    }
}
