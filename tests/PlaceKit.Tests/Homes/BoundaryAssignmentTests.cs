using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetTopologySuite.Geometries;
using PlaceKit.Homes;
using PlaceKit.Tests.Territories;

namespace PlaceKit.Tests.Homes;

public class BoundaryAssignmentTests
{
    /// <summary>A grid of authorities: column widths and row heights vary, some cells share a code (multi-part authorities), some cells are missing (sea).</summary>
    public sealed record Grid(int Columns, int Rows, int Codes, int Seed, int Homes, double? Nearest)
    {
        public double[] Xs => Edges(Columns, 1);

        public double[] Ys => Edges(Rows, 2);

        private double[] Edges(int count, int salt)
        {
            var rng = new Random(Seed * 31 + salt);
            var e = new double[count + 1];
            e[0] = 300_000;
            for (int i = 1; i <= count; i++) e[i] = e[i - 1] + 200 + rng.Next(2000);
            return e;
        }

        /// <summary>The code of each cell (row-major), or null for a missing cell.</summary>
        public string?[] Cells()
        {
            var rng = new Random(Seed);
            var cells = new string?[Columns * Rows];
            for (int i = 0; i < cells.Length; i++) cells[i] = rng.Next(6) == 0 ? null : $"E{rng.Next(Codes)}";
            return cells;
        }

        public (double X, double Y)[] Points()
        {
            var rng = new Random(Seed + 7);
            var xs = Xs;
            var ys = Ys;
            var points = new (double, double)[Homes];
            for (int i = 0; i < Homes; i++)
            {
                points[i] = rng.Next(4) switch
                {
                    // On a grid line or a corner: the tie between two authorities goes to the first in file order.
                    0 => (xs[rng.Next(xs.Length)], ys[0] + (rng.NextDouble() * (ys[^1] - ys[0]))),
                    1 => (xs[rng.Next(xs.Length)], ys[rng.Next(ys.Length)]),
                    // Around the grid, some outside it.
                    _ => (xs[0] - 1500 + (rng.NextDouble() * (xs[^1] - xs[0] + 3000)), ys[0] - 1500 + (rng.NextDouble() * (ys[^1] - ys[0] + 3000))),
                };
            }

            return points;
        }

        /// <summary>The grid as a GeoJSON FeatureCollection in British National Grid (a legacy crs member), one feature per cell.</summary>
        public string GeoJson()
        {
            var xs = Xs;
            var ys = Ys;
            var cells = Cells();
            var sb = new StringBuilder("""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},"features":[""");
            bool first = true;
            for (int r = 0; r < Rows; r++)
            {
                for (int c = 0; c < Columns; c++)
                {
                    if (cells[(r * Columns) + c] is not { } code) continue;
                    if (!first) sb.Append(',');
                    first = false;
                    string P(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"[{x:R},{y:R}]");
                    string ring = string.Join(",", P(xs[c], ys[r]), P(xs[c + 1], ys[r]), P(xs[c + 1], ys[r + 1]), P(xs[c], ys[r + 1]), P(xs[c], ys[r]));
                    sb.Append("{\"type\":\"Feature\",\"properties\":{\"code\":\"").Append(code).Append("\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[").Append(ring).Append("]]}}");
                }
            }

            return sb.Append("]}").ToString();
        }
    }

    public static class Grids
    {
        public static Arbitrary<Grid> Grid() =>
            (from columns in Gen.Choose(1, 6)
             from rows in Gen.Choose(1, 6)
             from codes in Gen.Choose(1, 5)
             from seed in Gen.Choose(0, 1_000_000)
             from homes in Gen.Choose(1, 150)
             from nearest in Gen.Elements<double?>(null, 0, 400, 5000)
             select new Grid(columns, rows, codes, seed, homes, nearest)).ToArbitrary();
    }

    [Property(MaxTest = 150, Arbitrary = [typeof(Grids)])]
    public Property Create_NoAuthority_EqualsBruteForcePointInPolygon(Grid grid)
    {
        string dir = Directory.CreateTempSubdirectory("placekit-grid").FullName;
        try
        {
            string file = Path.Combine(dir, "grid.geojson");
            File.WriteAllText(file, grid.GeoJson());
            if (grid.Cells().All(c => c is null)) return true.Label("no cells").Classify(true, "no cells");
            var boundaries = AuthorityBoundaries.Read(file);
            var bng = PlanarProjection.BritishNationalGrid;
            var geometries = boundaries.Authorities.Select(a => boundaries.TryGetBoundary(a, bng, out var g) ? g : throw new InvalidOperationException()).ToArray();
            var factory = new GeometryFactory();
            var points = grid.Points();

            // Brute force: the first authority in file order that covers the point; else the nearest within the limit.
            var expected = new string?[points.Length];
            for (int i = 0; i < points.Length; i++)
            {
                var p = factory.CreatePoint(new Coordinate(points[i].X, points[i].Y));
                int a = Array.FindIndex(geometries, g => g.Covers(p));
                if (a < 0 && grid.Nearest is { } m)
                {
                    var d = geometries.Select(g => g.Distance(p)).ToArray();
                    int best = Array.IndexOf(d, d.Min());
                    if (d[best] <= m) a = best;
                }

                expected[i] = a >= 0 ? boundaries.Authorities[a] : null;
            }

            var homes = points.Select((p, i) => new Home($"H{i}", p.X, p.Y, "")).ToArray();
            if (expected.Any(e => e is null))
            {
                var ex = Assert.Throws<HomeDataException>(() => HomeSet.Create(homes, CoordinateKind.Projected, null, boundaries, grid.Nearest));
                var named = ex.Problems.Select(p => p.HomeId).ToArray();
                var want = expected.Select((e, i) => (e, i)).Where(t => t.e is null).Select(t => $"H{t.i}").Take(ex.Problems.Count).ToArray();
                return named.SequenceEqual(want).Label($"errors for {string.Join(",", named)}, expected {string.Join(",", want)}").Classify(true, "homes in no boundary");
            }

            var set = HomeSet.Create(homes, CoordinateKind.Projected, null, boundaries, grid.Nearest);
            var got = Enumerable.Range(0, set.Count).Select(i => set.Authorities[set.AuthorityIndex[i]]).ToArray();
            var check = set.BoundaryCheck!;
            int byNearest = expected.Length - points.Count(p => geometries.Any(g => g.Covers(factory.CreatePoint(new Coordinate(p.X, p.Y)))));
            return (got.SequenceEqual(expected!) && check.ByBoundary + check.ByNearest == set.Count && check.ByNearest == byNearest && check.Disagreements == 0)
                .Label($"got {string.Join(",", got)}; expected {string.Join(",", expected)}; check {check}")
                .Classify(byNearest > 0, "some by nearest");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static string Csv(params string[] lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public void Read_NoAuthorityColumn_TakesTheBoundaryHoldingEachHome()
    {
        var boundaries = AuthorityBoundaries.Read(BoundaryTerritoryTests.GeoJson);
        // Holyhead (Holy Island, Anglesey), Caernarfon (Gwynedd), Llandudno (Conwy), in lon/lat.
        var set = HomeCsv.Read(new StringReader(Csv("id,longitude,latitude", "a,-4.633,53.309", "b,-4.275,53.140", "c,-3.827,53.322")), new HomeCsvOptions { Boundaries = boundaries });
        Assert.Equal(["W06000001", "W06000002", "W06000003"], set.Authorities);
        Assert.Equal(new[] { 0, 1, 2 }, set.AuthorityIndex.ToArray());
        Assert.Equal((true, 3, 0, 0), (set.BoundaryCheck!.AssignedFromBoundaries, set.BoundaryCheck.ByBoundary, set.BoundaryCheck.ByNearest, set.BoundaryCheck.Disagreements));
    }

    [Fact]
    public void Read_NoAuthorityColumnNoBoundaries_ErrorSuggestsBoundaries()
    {
        var ex = Assert.Throws<HomeDataException>(() => HomeCsv.Read(new StringReader(Csv("id,longitude,latitude", "a,-4.633,53.309"))));
        Assert.Contains("--boundaries", ex.Message);
    }

    [Fact]
    public void Read_HomeAtSea_ErrorNamesLineIdCoordinatesAndNearest_OrNearestAssigns()
    {
        var boundaries = AuthorityBoundaries.Read(BoundaryTerritoryTests.GeoPackage);
        string csv = Csv("id,longitude,latitude", "a,-4.633,53.309", "sea,-4.70,53.33");
        var ex = Assert.Throws<HomeDataException>(() => HomeCsv.Read(new StringReader(csv), new HomeCsvOptions { Boundaries = boundaries }));
        var p = Assert.Single(ex.Problems);
        Assert.Equal((3, "sea", "longitude,latitude", "-4.7,53.33"), (p.Line, p.HomeId, p.Field, p.Value));
        Assert.Contains("no authority boundary of 'north-west-wales-bng.gpkg'; the nearest is W06000001, ", p.Message);
        Assert.Contains("--nearest-boundary", p.Message);

        var set = HomeCsv.Read(new StringReader(csv), new HomeCsvOptions { Boundaries = boundaries, NearestBoundaryMeters = 2000 });
        Assert.Equal(["W06000001"], set.Authorities);
        var near = Assert.Single(set.BoundaryCheck!.NearestExamples);
        Assert.Equal(("sea", 3, "W06000001"), (near.HomeId, near.Line, near.Authority));
        Assert.InRange(near.DistanceMeters, 1000, 2000);
    }

    [Fact]
    public void Read_AuthorityColumnAndBoundaries_ColumnWins_DisagreementsReported()
    {
        var boundaries = AuthorityBoundaries.Read(BoundaryTerritoryTests.Shapefile);
        var set = HomeCsv.Read(new StringReader(Csv("id,longitude,latitude,authority", "a,-4.633,53.309,W06000001", "b,-4.275,53.140,W06000003", "c,-3.827,53.322,",
            "sea,-4.70,53.33,W06000001")), new HomeCsvOptions { Boundaries = boundaries });
        Assert.Equal(["W06000001", "W06000003"], set.Authorities); // b keeps its column; c (blank) takes Conwy's boundary
        var check = set.BoundaryCheck!;
        Assert.Equal((false, 1, 2), (check.AssignedFromBoundaries, check.ByBoundary, check.Disagreements));
        Assert.Equal(new BoundaryHome("b", 3, "W06000003", "W06000002", 0), check.DisagreementExamples[0]);
        Assert.Equal(new BoundaryHome("sea", 5, "W06000001", null, 0), check.DisagreementExamples[1]);
    }

    [Fact]
    public void Read_AuthorityWithoutBoundary_ErrorNamesItOnce()
    {
        var boundaries = AuthorityBoundaries.Read(BoundaryTerritoryTests.GeoJson);
        var ex = Assert.Throws<HomeDataException>(() => HomeCsv.Read(new StringReader(Csv("id,longitude,latitude,authority",
            "a,-4.633,53.309,W06000001", "b,-1.9,52.48,E08000025", "c,-1.91,52.48,E08000025")), new HomeCsvOptions { Boundaries = boundaries }));
        var p = Assert.Single(ex.Problems);
        Assert.Equal((3, "b", "authority", "E08000025"), (p.Line, p.HomeId, p.Field, p.Value));
        Assert.Contains("authority E08000025 (2 homes, the first here) has no boundary in 'north-west-wales.geojson' (field LAD13CD", p.Message);
    }

    [Fact]
    public void Read_NegativeNearest_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HomeCsv.Read(new StringReader(Csv("id,x,y,authority", "a,1,1,E1")), new HomeCsvOptions { NearestBoundaryMeters = -1 }));
}
