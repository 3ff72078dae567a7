using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetTopologySuite.Algorithm.Hull;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;
using NetTopologySuite.Triangulate.QuadEdge;
using PlaceKit.Territories;

namespace PlaceKit.Tests.Territories;

/// <summary>
/// The array concave hull against what it stands in for, NetTopologySuite's <see cref="ConcaveHull.ConcaveHullByLength(Geometry, double)"/>:
/// the same polygon, coordinate for coordinate and in the same order, on point sets shaped to make ties (grids, lattices,
/// rounded coordinates, repeated points), pinches (clusters joined by thin necks) and long erosions.
/// </summary>
public class LengthConcaveHullTests
{
    private static readonly GeometryFactory Factory = new();

    public sealed record PointSet(string Shape, int N, double Spacing, double EdgeFactor, int Seed)
    {
        public Coordinate[] Build()
        {
            var rng = new Random(Seed);
            var points = new Coordinate[N];
            int side = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(N)));
            for (int i = 0; i < N; i++)
            {
                (double x, double y) = Shape switch
                {
                    // Every point of a square grid (ties everywhere: equal edges, equal areas, co-circular quads).
                    "grid" => (Spacing * (i % side), Spacing * (i / side)),

                    // Random cells of a coarse lattice, with repeats: holes, bays and ties.
                    "lattice" => (Spacing * rng.Next(side), Spacing * rng.Next(side)),

                    // Real-valued homes in a few clusters joined by sparse necks: erosion runs far and pinches.
                    "clusters" => Cluster(rng, i),

                    // Homes rounded to whole metres, as many housing exports are.
                    "rounded" => (Math.Round(rng.NextDouble() * Spacing * side), Math.Round(rng.NextDouble() * Spacing * side)),

                    // A ring of homes around an empty middle (a lake, a park): the erosion eats into the middle.
                    "ring" => Ring(rng, i),
                    _ => (rng.NextDouble() * Spacing * side, rng.NextDouble() * Spacing * side),
                };
                points[i] = new Coordinate(400_000 + x, 300_000 + y);
            }

            return points;
        }

        public double MaxLength => EdgeFactor * Spacing;

        private (double, double) Cluster(Random rng, int i)
        {
            int c = i % 4;
            double cx = c * 12 * Spacing, cy = (c % 2) * 9 * Spacing;
            double r = Spacing * (i % 7 == 0 ? 6 : 2) * Math.Sqrt(rng.NextDouble());
            double a = rng.NextDouble() * 2 * Math.PI;
            return (cx + (r * Math.Cos(a)), cy + (r * Math.Sin(a)));
        }

        private (double, double) Ring(Random rng, int i)
        {
            double a = 2 * Math.PI * i / N;
            double r = Spacing * (8 + rng.NextDouble());
            return (Math.Round(r * Math.Cos(a), 1), Math.Round(r * Math.Sin(a), 1));
        }
    }

    public static class PointSets
    {
        public static Arbitrary<PointSet> PointSet() =>
            (from shape in Gen.Elements("grid", "lattice", "clusters", "rounded", "ring", "uniform")
             from n in Gen.Frequency((3, Gen.Choose(3, 40)), (3, Gen.Choose(41, 600)), (1, Gen.Choose(601, 3_000)))
             from spacing in Gen.Elements(1.0, 7.0, 83.0, 100.0)
             from edge in Gen.Elements(0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 10.0, 1e6)
             from seed in Gen.Choose(0, int.MaxValue)
             select new PointSet(shape, n, spacing, edge, seed)).ToArbitrary();
    }

    [Property(MaxTest = 400, Arbitrary = [typeof(PointSets)])]
    public Property Of_IsNetTopologySuitesConcaveHull_CoordinateForCoordinate(PointSet set)
    {
        var points = Factory.CreateMultiPointFromCoords(set.Build());
        var expected = ConcaveHull.ConcaveHullByLength(points, set.MaxLength);
        var actual = LengthConcaveHull.Of(points, set.MaxLength);
        bool same = actual.EqualsExact(expected) && actual.GetType() == expected.GetType();
        return same.Label($"{set}: expected {expected.NumPoints} points ({expected.Area:F1} m²), got {actual.NumPoints} ({actual.Area:F1} m²)")
            .Classify(expected.Area < points.ConvexHull().Area, "eroded")
            .Classify(set.Shape is "grid" or "lattice" or "rounded", "ties");
    }

    /// <summary>
    /// The hull's triangulation, walked from a nearby edge (<see cref="GridQuadEdgeLocator.Delaunay"/>), against
    /// <see cref="DelaunayTriangulationBuilder"/>'s (walked from the previous site): the same directed edges, frame
    /// included, on the same shapes (sites on edges and co-circular sites everywhere in the grids, lattices and rounded sets).
    /// </summary>
    [Property(MaxTest = 300, Arbitrary = [typeof(PointSets)])]
    public Property Delaunay_IsDelaunayTriangulationBuildersTriangulation(PointSet set)
    {
        var points = set.Build();
        var builder = new DelaunayTriangulationBuilder();
        builder.SetSites(points);
        var expected = Edges(builder.GetSubdivision());
        var actual = Edges(GridQuadEdgeLocator.Delaunay(points));
        return expected.SequenceEqual(actual).Label($"{set}: {expected.Count} edges in the builder's, {actual.Count} in the grid's, {expected.Except(actual).Count()} missing")
            .Classify(set.Shape is "grid" or "lattice" or "rounded", "ties");

        // Every live edge both ways, as coordinate pairs in order (the triangles, whatever order the edges were made in).
        static List<(double, double, double, double)> Edges(QuadEdgeSubdivision subdivision) =>
            [.. subdivision.GetEdges().Where(e => e.IsLive).SelectMany(e => new[] { e, e.Sym })
                .Select(e => (e.Orig.Coordinate.X, e.Orig.Coordinate.Y, e.Dest.Coordinate.X, e.Dest.Coordinate.Y)).Order()];
    }

    [Fact]
    public void Of_EveryAuthorityOfAStock_IsNetTopologySuitesConcaveHull()
    {
        // Thousands of homes a hull, as the territory stage gives it one authority at a time: a tie or a pinch deep in a
        // large erosion (the 700th triangle, not the 5th) shows here.
        var rng = new Random(20261127);
        for (int round = 0; round < 6; round++)
        {
            int n = 2_000 + rng.Next(6_000);
            var points = new Coordinate[n];
            for (int i = 0; i < n; i++)
            {
                // Streets: homes along random lines, whole metres, with gaps (the shape of a real authority's stock).
                int street = rng.Next(40);
                double t = rng.NextDouble();
                double sx = (street * 977) % 5_000, sy = (street * 613) % 4_000;
                double x = sx + (t * 1_500 * Math.Cos(street)), y = sy + (t * 1_500 * Math.Sin(street));
                points[i] = new Coordinate(Math.Round(400_000 + x), Math.Round(300_000 + y));
            }

            var geometry = Factory.CreateMultiPointFromCoords(points);
            foreach (double maxLength in (double[])[50, 250, 600])
            {
                var expected = ConcaveHull.ConcaveHullByLength(geometry, maxLength);
                var actual = LengthConcaveHull.Of(geometry, maxLength);
                Assert.True(actual.EqualsExact(expected), $"round {round}, {n} homes, {maxLength} m: expected {expected.NumPoints} points, got {actual.NumPoints}");
            }
        }
    }

    [Fact]
    public void Of_EmptyAndDegenerateInputs_AsNetTopologySuite()
    {
        var empty = Factory.CreateMultiPoint();
        Assert.True(LengthConcaveHull.Of(empty, 10).EqualsExact(ConcaveHull.ConcaveHullByLength(empty, 10)));
        var line = Factory.CreateMultiPointFromCoords([new(0, 0), new(1, 1), new(2, 2)]);
        Assert.True(LengthConcaveHull.Of(line, 0.5).EqualsExact(ConcaveHull.ConcaveHullByLength(line, 0.5)));
        var one = Factory.CreateMultiPointFromCoords([new(0, 0), new(5, 0), new(0, 5)]);
        Assert.True(LengthConcaveHull.Of(one, 0.1).EqualsExact(ConcaveHull.ConcaveHullByLength(one, 0.1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LengthConcaveHull.Of(one, -1));
    }
}
