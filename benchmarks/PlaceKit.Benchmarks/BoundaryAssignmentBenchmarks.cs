using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using PlaceKit.Homes;

namespace PlaceKit.Benchmarks;

/// <summary>
/// Homes with no authority column taking their authority from real-looking boundaries (issue 14): 300 authorities on a
/// 20 x 15 grid of 8 km cells whose shared edges are jagged polylines (about 1,600 vertices an authority, 480k in all,
/// the size of a generalised national LAD file), against building the same homes with an authority given (baseline).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class BoundaryAssignmentBenchmarks
{
    private const int Columns = 20;
    private const int Rows = 15;
    private const double Cell = 8000;
    private const int Steps = 400;
    private Home[] _withAuthority = null!;
    private Home[] _without = null!;
    private AuthorityBoundaries _boundaries = null!;
    private string _file = null!;

    /// <summary>Homes to assign.</summary>
    [Params(100_000, 1_000_000)]
    public int Homes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"placekit-bench-boundaries-{Guid.NewGuid():N}.geojson");
        File.WriteAllText(_file, GridGeoJson());
        _boundaries = AuthorityBoundaries.Read(_file);
        _boundaries.TryGetBoundary(_boundaries.Authorities[0], PlanarProjection.BritishNationalGrid, out _); // converted once, outside the timing
        var rng = new Random(42);
        _without = new Home[Homes];
        _withAuthority = new Home[Homes];
        for (int i = 0; i < Homes; i++)
        {
            double x = 300_000 + (Cell * 0.05) + (rng.NextDouble() * Cell * (Columns - 0.1));
            double y = 200_000 + (Cell * 0.05) + (rng.NextDouble() * Cell * (Rows - 0.1));
            _without[i] = new Home($"H{i}", x, y, "");
            _withAuthority[i] = new Home($"H{i}", x, y, "E0");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    [Benchmark(Baseline = true)]
    public int AuthorityGiven() => HomeSet.Create(_withAuthority).Count;

    [Benchmark]
    public int AuthorityFromBoundaries() => HomeSet.Create(_without, CoordinateKind.Projected, null, _boundaries, 1000).Authorities.Count;

    /// <summary>A jagged line from (x0, y0) along one axis; the same for both cells that share it.</summary>
    private static List<(double X, double Y)> Edge(int index, bool vertical, int along)
    {
        var rng = new Random((index * 7919) + (along * 104_729) + (vertical ? 1 : 0));
        var points = new List<(double, double)>(Steps + 1);
        for (int s = 0; s <= Steps; s++)
        {
            double t = along * Cell + (Cell * s / Steps);
            double wobble = s == 0 || s == Steps ? 0 : (rng.NextDouble() - 0.5) * 30;
            points.Add(vertical ? (300_000 + (index * Cell) + wobble, 200_000 + t) : (300_000 + t, 200_000 + (index * Cell) + wobble));
        }

        return points;
    }

    private static string GridGeoJson()
    {
        var sb = new StringBuilder("""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},"features":[""");
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                var ring = new List<(double X, double Y)>();
                ring.AddRange(Edge(r, vertical: false, c));                      // bottom, west to east
                ring.AddRange(Edge(c + 1, vertical: true, r).Skip(1));          // right, south to north
                ring.AddRange(Edge(r + 1, vertical: false, c).AsEnumerable().Reverse().Skip(1)); // top, east to west
                ring.AddRange(Edge(c, vertical: true, r).AsEnumerable().Reverse().Skip(1));      // left, north to south
                if (r + c > 0) sb.Append(',');
                sb.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"Feature\",\"properties\":{{\"code\":\"E{(r * Columns) + c}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[");
                sb.AppendJoin(',', ring.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.X:0.###},{p.Y:0.###}]")));
                sb.Append("]]}}");
            }
        }

        return sb.Append("]}").ToString();
    }
}
