using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Distance;

namespace PlaceKit.Homes;

/// <summary>Finds the authority whose boundary holds a point (an STR-tree of the boundaries' parts, then an indexed point-in-polygon test), or the nearest within a distance.</summary>
/// <remarks>
/// A point on a boundary counts as inside it. Where boundaries overlap (slivers between generalised polygons) the first
/// authority in file order wins, so the answer does not depend on the tree's order. Thread-safe once built: every index
/// is built eagerly in the constructor.
/// </remarks>
internal sealed class BoundaryLocator
{
    private readonly STRtree<int> _tree = new();
    private readonly Polygon[] _parts;
    private readonly int[] _authorityOfPart;
    private readonly IndexedPointInAreaLocator[] _locators;
    private readonly string[] _codes;
    private readonly GeometryFactory _factory = new();

    internal BoundaryLocator(AuthorityBoundaries boundaries, PlanarProjection projection)
    {
        var planar = boundaries.In(projection);
        var parts = new List<Polygon>();
        var authorityOf = new List<int>();
        _codes = [.. boundaries.Authorities];
        for (int a = 0; a < _codes.Length; a++)
        {
            var g = planar[_codes[a]];
            for (int k = 0; k < g.NumGeometries; k++)
            {
                if (g.GetGeometryN(k) is not Polygon { IsEmpty: false } p) continue;
                _tree.Insert(p.EnvelopeInternal, parts.Count);
                parts.Add(p);
                authorityOf.Add(a);
            }
        }

        _parts = [.. parts];
        _authorityOfPart = [.. authorityOf];
        _locators = new IndexedPointInAreaLocator[_parts.Length];
        for (int i = 0; i < _parts.Length; i++)
        {
            _locators[i] = new IndexedPointInAreaLocator(_parts[i]);
            _locators[i].Locate(_parts[i].Coordinate); // builds the lazy index now, so later queries only read
        }

        _tree.Build();
    }

    /// <summary>The authorities, in file order (the index <see cref="Locate"/> returns).</summary>
    internal IReadOnlyList<string> Codes => _codes;

    /// <summary>The file-order index of the first authority whose boundary covers the point, or -1.</summary>
    internal int Locate(double x, double y)
    {
        var c = new Coordinate(x, y);
        int best = int.MaxValue;
        foreach (int part in _tree.Query(new Envelope(c)))
        {
            int a = _authorityOfPart[part];
            if (a < best && _locators[part].Locate(c) != Location.Exterior) best = a;
        }

        return best == int.MaxValue ? -1 : best;
    }

    /// <summary>The file-order index of the nearest authority within <paramref name="maxDistance"/> metres (ties to the first in file order) and its distance, or (-1, +inf).</summary>
    internal (int Authority, double Distance) Nearest(double x, double y, double maxDistance)
    {
        var c = new Coordinate(x, y);
        var env = new Envelope(c);
        env.ExpandBy(maxDistance);
        var point = _factory.CreatePoint(c);
        int best = -1;
        double bestDistance = double.PositiveInfinity;
        foreach (int part in _tree.Query(env))
        {
            double d = DistanceOp.Distance(_parts[part], point);
            int a = _authorityOfPart[part];
            if (d <= maxDistance && (d < bestDistance || (d == bestDistance && a < best)))
            {
                best = a;
                bestDistance = d;
            }
        }

        return (best, bestDistance);
    }
}
