using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Homes;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Homes;

/// <summary>A generated directory and homes that use some of its postcodes (and some it lacks), written with any case and spacing.</summary>
public sealed record PostcodeCase(int Postcodes, int Homes, int Seed, double TerminatedShare, double MissingShare, bool AuthorityColumn)
{
    public override string ToString() => $"{Postcodes} postcodes, {Homes} homes, seed {Seed}, terminated {TerminatedShare}, missing {MissingShare}, authority column {AuthorityColumn}";
}

public sealed class PostcodeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "placekit-postcodes-" + Guid.NewGuid().ToString("N"));

    public PostcodeTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    public static class Cases
    {
        public static Arbitrary<PostcodeCase> Case() =>
            (from postcodes in Gen.Choose(1, 3_000)
             from homes in Gen.Choose(1, 2_000)
             from seed in Gen.Choose(0, int.MaxValue)
             from terminated in Gen.Elements(0.0, 0.0, 0.05, 0.5)
             from missing in Gen.Elements(0.0, 0.0, 0.02, 0.3)
             from authority in Gen.Elements(false, true)
             select new PostcodeCase(postcodes, homes, seed, terminated, missing, authority)).ToArbitrary();
    }

    private static OnspdRow Row(int i, Random rng, bool terminated) => new(
        TestOnspd.Postcode(i), terminated ? "2019" + rng.Next(1, 13).ToString("00", CultureInfo.InvariantCulture) : null,
        $"W0600000{i % 3 + 1}", rng.Next(180_000, 350_000), rng.Next(170_000, 390_000), 51 + rng.NextDouble() * 2, -4.5 + rng.NextDouble() * 2);

    /// <summary>Any case and spacing: lower, upper, mixed, no space, several spaces, tabs and spaces around.</summary>
    private static string Mangle(string postcode, Random rng)
    {
        var sb = new StringBuilder();
        if (rng.Next(4) == 0) sb.Append(rng.Next(2) == 0 ? "  " : " \t");
        foreach (char c in postcode)
        {
            if (c == ' ')
            {
                sb.Append(rng.Next(4) switch { 0 => "", 1 => " ", 2 => "   ", _ => "  " });
                continue;
            }

            sb.Append(rng.Next(3) switch { 0 => char.ToLowerInvariant(c), 1 => char.ToUpperInvariant(c), _ => c });
            if (rng.Next(12) == 0) sb.Append(' ');
        }

        if (rng.Next(4) == 0) sb.Append(' ');
        return sb.ToString();
    }

    /// <summary>
    /// Homes whose postcodes are written in any case and spacing are located exactly as brute force says: a live
    /// postcode gives its oseast1m/osnrth1m and its oslaua (or the column's authority, a disagreement counted); a
    /// terminated or missing one is a problem on that home's line, and nothing else is.
    /// </summary>
    [Property(MaxTest = 40, Arbitrary = [typeof(Cases)])]
    public void Matching_IgnoresCaseAndSpacing_AndEqualsBruteForce(PostcodeCase c)
    {
        var rng = new Random(c.Seed);
        var rows = Enumerable.Range(0, c.Postcodes).Select(i => Row(i, rng, rng.NextDouble() < c.TerminatedShare)).ToArray();
        string directory = Path.Combine(_dir, $"d{c.Seed}.csv");
        // The directory holds every postcode but the "missing" ones; the homes pick from all of them.
        var missing = rows.Select(_ => rng.NextDouble() < c.MissingShare).ToArray();
        TestOnspd.Write(directory, rows.Where((_, i) => !missing[i]));
        var picks = Enumerable.Range(0, c.Homes).Select(_ => rng.Next(c.Postcodes)).ToArray();
        var csv = new StringBuilder(c.AuthorityColumn ? "id,postcode,authority\n" : "id,postcode\n");
        var ownAuthority = new string?[c.Homes];
        for (int h = 0; h < c.Homes; h++)
        {
            string postcode = Mangle(rows[picks[h]].Postcode, rng);
            csv.Append("H").Append(h).Append(",\"").Append(postcode).Append('"');
            if (c.AuthorityColumn)
            {
                ownAuthority[h] = rng.Next(5) switch { 0 => "", 1 => "W06000099", _ => rows[picks[h]].Authority };
                csv.Append(',').Append(ownAuthority[h]);
                if (ownAuthority[h] == "") ownAuthority[h] = null;
            }

            csv.Append('\n');
        }

        string homes = Path.Combine(_dir, $"h{c.Seed}.csv");
        File.WriteAllText(homes, csv.ToString());
        var expectedBad = Enumerable.Range(0, c.Homes).Where(h => missing[picks[h]] || rows[picks[h]].Doterm is not null).ToArray();
        var options = new HomeCsvOptions { PostcodesFile = directory, MaxProblems = 100_000 };
        if (expectedBad.Length > 0)
        {
            var ex = Assert.Throws<HomeDataException>(() => HomeCsv.Read(homes, options));
            Assert.Equal(expectedBad.Length, ex.TotalProblems);
            Assert.Equal(expectedBad.Select(h => (h + 2, $"H{h}")), ex.Problems.Select(p => (p.Line, p.HomeId!)));
            foreach (var p in ex.Problems)
            {
                int h = int.Parse(p.HomeId![1..], CultureInfo.InvariantCulture);
                Assert.Equal("postcode", p.Field);
                Assert.Contains(missing[picks[h]] ? "is not in the postcode directory" : "was terminated (doterm 2019", p.Message);
            }

            return;
        }

        var set = HomeCsv.Read(homes, options);
        Assert.Equal(c.Homes, set.Count);
        int disagreements = 0, fromDirectory = 0;
        for (int h = 0; h < c.Homes; h++)
        {
            var row = rows[picks[h]];
            Assert.Equal($"H{h}", set.Ids[h]);
            Assert.Equal(row.Easting, set.X[h]);
            Assert.Equal(row.Northing, set.Y[h]);
            string authority = ownAuthority[h] ?? row.Authority;
            Assert.Equal(authority, set.Authorities[set.AuthorityIndex[h]]);
            if (ownAuthority[h] is null) fromDirectory++;
            else if (ownAuthority[h] != row.Authority) disagreements++;
        }

        var check = Assert.IsType<PostcodeCheck>(set.PostcodeCheck);
        Assert.Equal((c.Homes, fromDirectory, disagreements), (check.Located, check.AuthorityFromDirectory, check.Disagreements));
        Assert.Equal(Math.Min(20, disagreements), check.DisagreementExamples.Count);
        Assert.All(check.DisagreementExamples, e => Assert.NotEqual(e.Authority, e.DirectoryAuthority));
    }

    private string Directory3()
    {
        string path = Path.Combine(_dir, "onspd.csv");
        TestOnspd.Write(path,
        [
            new("LL55 1AA", null, "W06000002", 257000, 362000, 53.137, -4.271),
            new("LL55 1AB", "202003", "W06000002", 257100, 362100, 53.138, -4.270),
            new("LL55 1AD", null, "W06000002", null, null, 99.999999, 0),
            new("BT1 1AA", null, "N09000003", 146000, 529000, 54.597, -5.930),
            new("SW1A 1AA", null, "E09000033", 529090, 179645, 51.501009, -0.141588),
        ]);
        return path;
    }

    [Fact]
    public void Problems_NameLineIdAndPostcode_AndAreCollected()
    {
        string homes = Path.Combine(_dir, "homes.csv");
        File.WriteAllText(homes, "id,easting,northing,postcode\nH1,,,ll551aa\nH2,,,LL55 1AB\nH3,,,LL55 1AD\nH4,,,ZZ9 9ZZ\nH5,,,\nH6,257000,,LL55 1AA\nH7,257000,362000,\n");
        var ex = Assert.Throws<HomeDataException>(() => HomeCsv.Read(homes, new HomeCsvOptions { PostcodesFile = Directory3() }));
        Assert.Equal(
        [
            "line 3, home 'H2', field 'postcode' = 'LL55 1AB': postcode LL55 1AB was terminated (doterm 202003, line 3 of 'onspd.csv'); give the home's current postcode or its coordinates",
            "line 4, home 'H3', field 'postcode' = 'LL55 1AD': postcode LL55 1AD has no grid reference in the postcode directory (line 4 of 'onspd.csv'); give the home's coordinates",
            "line 5, home 'H4', field 'postcode' = 'ZZ9 9ZZ': postcode ZZ9 9ZZ is not in the postcode directory 'onspd.csv' (is it mistyped, or newer than the directory?)",
            "line 6, home 'H5', field 'postcode' = '': the home has no coordinates and no postcode; give easting,northing or a postcode",
            "line 7, home 'H6', field 'northing' = '': northing is empty",
            "line 8, home 'H7', field 'authority' = '': authority is empty",
        ], ex.Problems.Select(p => p.ToString()));

        // Only the first N are listed; all are counted.
        var capped = Assert.Throws<HomeDataException>(() => HomeCsv.Read(homes, new HomeCsvOptions { PostcodesFile = Directory3(), MaxProblems = 2 }));
        Assert.Equal((2, 6), (capped.Problems.Count, capped.TotalProblems));
    }

    [Fact]
    public void MixedInput_KeepsOrder_LonLatTakesLatLong_OtherCrsProjects_NorthernIrelandProjects()
    {
        string dir = Directory3();
        string homes = Path.Combine(_dir, "mixed.csv");
        File.WriteAllText(homes, "id,easting,northing,authority,postcode\nA,250000,360000,W06000002,\nB,,,,sw1a 1aa\nC,,,W06000002,LL55  1AA\n");
        var set = HomeCsv.Read(homes, new HomeCsvOptions { PostcodesFile = dir });
        Assert.Equal(["A", "B", "C"], set.Ids);
        Assert.Equal([250000.0, 529090, 257000], set.X.ToArray());
        Assert.Equal(["W06000002", "E09000033"], set.Authorities);
        Assert.Equal((2, 1, 0), (set.PostcodeCheck!.Located, set.PostcodeCheck.AuthorityFromDirectory, set.PostcodeCheck.Disagreements));

        string lonlat = Path.Combine(_dir, "lonlat.csv");
        File.WriteAllText(lonlat, "id,longitude,latitude,la,postcode\nA,-4.2,53.1,W06000002,\nB,,,,SW1A1AA\n");
        var ll = HomeCsv.Read(lonlat, new HomeCsvOptions { PostcodesFile = dir });
        Assert.Equal(CoordinateKind.LonLat, ll.InputKind);
        Assert.Equal("E09000033", ll.Authorities[ll.AuthorityIndex[1]]);
        // B was at long -0.141588, lat 51.501009: the same point as its BNG centroid, within the directory's rounding.
        Assert.InRange(ll.X[1], 529090 - 5, 529090 + 5);
        Assert.InRange(ll.Y[1], 179645 - 5, 179645 + 5);

        // Northern Ireland: ONSPD's oseast1m there is the Irish Grid; the lat/long are projected to BNG instead.
        string ni = Path.Combine(_dir, "ni.csv");
        File.WriteAllText(ni, "id,postcode\nN,BT1 1AA\n");
        var n = HomeCsv.Read(ni, new HomeCsvOptions { PostcodesFile = dir });
        var expected = new[] { -5.930 };
        var expectedY = new[] { 54.597 };
        PlanarProjection.BritishNationalGrid.FromWgs84(expected, expectedY);
        Assert.Equal(expected[0], n.X[0]);
        Assert.Equal(expectedY[0], n.Y[0]);
        Assert.NotEqual(146000, n.X[0]);

        // Another projected CRS: lat/long projected into it.
        var utm = HomeCsv.Read(ni.Replace("ni.csv", "mixed.csv", StringComparison.Ordinal), new HomeCsvOptions { PostcodesFile = dir, Projection = PlanarProjection.FromEpsg(32630) });
        var ux = new[] { -0.141588 };
        var uy = new[] { 51.501009 };
        PlanarProjection.FromEpsg(32630).FromWgs84(ux, uy);
        Assert.Equal(ux[0], utm.X[1]);
    }

    [Fact]
    public void Directory_WithoutColumns_OrMissing_IsOneClearError()
    {
        string homes = Path.Combine(_dir, "h.csv");
        File.WriteAllText(homes, "id,postcode\nA,LL55 1AA\n");
        string bad = Path.Combine(_dir, "lookup.csv");
        File.WriteAllText(bad, "pcds,lad24cd\nLL55 1AA,W06000002\n");
        var ex = Assert.Throws<PostcodeDirectoryException>(() => HomeCsv.Read(homes, new HomeCsvOptions { PostcodesFile = bad }));
        Assert.Equal("postcode directory 'lookup.csv' is missing columns doterm, oslaua, oseast1m, osnrth1m, lat, long; the header is 'pcds,lad24cd'. Give the ONS Postcode Directory's CSV (ONSPD), not a lookup file", ex.Message);
        Assert.Throws<PostcodeDirectoryException>(() => HomeCsv.Read(homes, new HomeCsvOptions { PostcodesFile = Path.Combine(_dir, "none.csv") }));

        string badNumber = Path.Combine(_dir, "badnum.csv");
        File.WriteAllText(badNumber, "pcd,doterm,oslaua,oseast1m,osnrth1m,lat,long\nLL551AA,,W06000002,abc,362000,53.1,-4.2\n");
        var nex = Assert.Throws<PostcodeDirectoryException>(() => HomeCsv.Read(homes, new HomeCsvOptions { PostcodesFile = badNumber }));
        Assert.Contains("line 2, postcode 'LL551AA', column 'oseast1m' = 'abc': not a number", nex.Message);

        // A homes file without a postcode column while a directory is given, and a postcode column without a directory.
        string noColumn = Path.Combine(_dir, "nocol.csv");
        File.WriteAllText(noColumn, "id,easting,northing,authority\nA,1,2,E1\n");
        Assert.Contains("missing column postcode", Assert.Throws<HomeDataException>(() => HomeCsv.Read(noColumn, new HomeCsvOptions { PostcodesFile = Directory3() })).Message);
        Assert.Contains("give a postcode directory (--postcodes FILE)", Assert.Throws<HomeDataException>(() => HomeCsv.Read(homes)).Message);
    }

    [Fact]
    public void Workbook_WithPostcodes_ReadsLikeCsv()
    {
        string xlsx = Path.Combine(_dir, "pc.xlsx");
        TestXlsx.Write(xlsx, ["id", "postcode", "weight"], [["A", "ll55 1aa", 2.0], ["B", "SW1A1AA", 1.0]]);
        var set = HomeCsv.Read(xlsx, new HomeCsvOptions { PostcodesFile = Directory3() });
        Assert.Equal([257000.0, 529090], set.X.ToArray());
        Assert.Equal([2.0, 1.0], set.Weights.ToArray());
        TestXlsx.Write(xlsx, ["id", "postcode"], [["A", "LL55 1AB"]]);
        var p = Assert.Single(Assert.Throws<HomeDataException>(() => HomeCsv.Read(xlsx, new HomeCsvOptions { PostcodesFile = Directory3() })).Problems);
        Assert.StartsWith("sheet 'Stock', row 2, home 'A', field 'postcode' = 'LL55 1AB': postcode LL55 1AB was terminated", p.ToString());
    }

    [Fact]
    public void Fixture_InTheRealLayout_Locates()
    {
        string fixture = Path.Combine(AppContext.BaseDirectory, "Data", "postcodes", "onspd-sample.csv");
        string homes = Path.Combine(_dir, "f.csv");
        File.WriteAllText(homes, "id,postcode\nA,LL55 1TH\nB,ll571ut\nC,CF10 1EP\n");
        var set = HomeCsv.Read(homes, new HomeCsvOptions { PostcodesFile = fixture });
        Assert.Equal(3, set.Count);
        Assert.Equal(["W06000002", "W06000015"], set.Authorities);
        Assert.All(Enumerable.Range(0, 3), i => Assert.InRange(set.X[i], 150_000, 400_000));
    }
}
