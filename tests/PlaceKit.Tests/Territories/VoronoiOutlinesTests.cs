using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;
using PlaceKit.Territories;

namespace PlaceKit.Tests.Territories;

/// <summary>
/// The traced outlines against what they replace: NetTopologySuite's Voronoi cell polygons of the same sites, dissolved
/// per label. A traced outline must be that region (or null, which sends the authority down the cells' way).
/// </summary>
public class VoronoiOutlinesTests
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>Per label: the traced outline, and the union of NetTopologySuite's cells (robust overlay, invalid cells repaired).</summary>
    private static List<(int Label, Geometry? Traced, Geometry Cells)> Compare(Coordinate[] sites, int[] labels)
    {
        var index = new Dictionary<Coordinate, int>();
        for (int s = 0; s < sites.Length; s++) index[sites[s]] = s;
        var traced = new VoronoiOutlines(Subdivision(sites), index, labels, Factory);
        var cells = new Dictionary<int, List<Geometry>>();
        foreach (var cell in Subdivision(sites).GetVoronoiCellPolygons(Factory))
        {
            int label = labels[index[(Coordinate)cell.UserData]];
            if (label < 0) continue;
            if (!cells.TryGetValue(label, out var list)) cells[label] = list = [];
            list.Add(cell.IsValid ? cell : GeometryFixer.Fix(cell));
        }

        Assert.Equal(cells.Keys.Order(), traced.Labels);
        return [.. traced.Labels.Select(l => (l, traced.Trace(l), OverlayNGRobust.Union(cells[l])))];
    }

    private static NetTopologySuite.Triangulate.QuadEdge.QuadEdgeSubdivision Subdivision(Coordinate[] sites)
    {
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(sites);
        return builder.GetSubdivision();
    }

    /// <summary>How far a traced outline is from the cells' union: their symmetric difference's area over the union's.</summary>
    private static double Difference(Geometry traced, Geometry cells) =>
        OverlayNGRobust.Overlay(traced, cells, SpatialFunction.SymDifference).Area / Math.Max(cells.Area, 1);

    [Property(MaxTest = 300, Arbitrary = [typeof(VoronoiTerritoryBuilderTests.Layouts)])]
    public Property Trace_HardLayouts_IsTheUnionOfTheCells(VoronoiTerritoryBuilderTests.Layout layout)
    {
        var (homes, _, placeOf) = layout.Build();
        var failures = new List<string>();
        int traced = 0, labels = 0;
        for (int a = 0; a < homes.Authorities.Count; a++)
        {
            // Distinct locations, each with the place of its first home (the builder gives shared locations wedges; not traced).
            var first = new Dictionary<(double, double), int>();
            for (int i = 0; i < homes.Count; i++)
            {
                if (homes.AuthorityIndex[i] == a) first.TryAdd((homes.X[i], homes.Y[i]), placeOf[i]);
            }

            if (first.Count < 2) continue;
            var sites = first.Keys.Select(k => new Coordinate(k.Item1, k.Item2)).ToArray();
            foreach (var (label, outline, cells) in Compare(sites, [.. first.Values]))
            {
                labels++;
                if (outline is null) continue;
                traced++;
                double d = Difference(outline, cells);
                if (d > 1e-9) failures.Add($"{homes.Authorities[a]} label {label}: traced outline differs from the cells' union by {d:E2} of its area");
            }
        }

        return (failures.Count == 0).Label(string.Join("; ", failures)).Label(layout.ToString())
            .Classify(traced < labels, "some outline not traced (cells' way)")
            .Classify(layout.Shape is "grid" or "lattice", "co-circular sites");
    }

    /// <summary>At scale and on integer metres (the usual export rounding, so many co-circular sites): every outline traces, and each is the cells' union.</summary>
    [Theory]
    [InlineData(1.0, 20_000, 40)]
    [InlineData(10.0, 20_000, 40)]
    [InlineData(0.1, 5_000, 12)]
    public void Trace_ManySitesOnAGrid_EveryOutlineTracesAndIsTheUnionOfTheCells(double grid, int count, int places)
    {
        var rng = new Random(7);
        var distinct = new Dictionary<(double, double), int>();
        while (distinct.Count < count)
        {
            // Clumps, as homes are: a place is a few neighbourhoods; one site in ten is unplaced.
            int place = rng.Next(places);
            double x = 400_000 + (place % 8 * 900) + (rng.NextDouble() * 1_200);
            double y = 300_000 + (place / 8 * 900) + (rng.NextDouble() * 1_200);
            var key = (Math.Round(x / grid) * grid, Math.Round(y / grid) * grid);
            distinct.TryAdd(key, rng.Next(10) == 0 ? -1 : place);
        }

        var sites = distinct.Keys.Select(k => new Coordinate(k.Item1, k.Item2)).ToArray();
        var results = Compare(sites, [.. distinct.Values]);
        Assert.Equal(places, results.Count);
        foreach (var (label, outline, cells) in results)
        {
            Assert.True(outline is not null, $"label {label}'s outline did not trace");
            Assert.True(Difference(outline!, cells) <= 1e-9, $"label {label}: {Difference(outline!, cells):E2}");
        }

        // All the places together (what the no-place area is cut from): the union of every placed site's cell.
        var labels = distinct.Values.ToArray();
        var index = new Dictionary<Coordinate, int>();
        for (int s = 0; s < sites.Length; s++) index[sites[s]] = s;
        var all = new VoronoiOutlines(Subdivision(sites), index, labels, Factory, anyPlace: true).Trace(VoronoiOutlines.AnyPlace);
        Assert.True(all is not null, "the places' outline together did not trace");
        var placedCells = Subdivision(sites).GetVoronoiCellPolygons(Factory)
            .Where(c => labels[index[(Coordinate)c.UserData]] >= 0).Select(c => c.IsValid ? c : GeometryFixer.Fix(c)).ToList();
        var union = OverlayNGRobust.Union(placedCells);
        Assert.True(Difference(all!, union) <= 1e-9, $"the places together: {Difference(all!, union):E2}");
    }

    /// <summary>All the places together, traced, against the union of every placed site's cell, on the hard layouts.</summary>
    [Property(MaxTest = 200, Arbitrary = [typeof(VoronoiTerritoryBuilderTests.Layouts)])]
    public Property Trace_AnyPlace_IsTheUnionOfThePlacedCells(VoronoiTerritoryBuilderTests.Layout layout)
    {
        var (homes, _, placeOf) = layout.Build();
        var failures = new List<string>();
        for (int a = 0; a < homes.Authorities.Count; a++)
        {
            var first = new Dictionary<(double, double), int>();
            for (int i = 0; i < homes.Count; i++)
            {
                if (homes.AuthorityIndex[i] == a) first.TryAdd((homes.X[i], homes.Y[i]), placeOf[i]);
            }

            if (first.Count < 2 || !first.Values.Any(l => l >= 0)) continue;
            var sites = first.Keys.Select(k => new Coordinate(k.Item1, k.Item2)).ToArray();
            var labels = first.Values.ToArray();
            var index = new Dictionary<Coordinate, int>();
            for (int s = 0; s < sites.Length; s++) index[sites[s]] = s;
            var traced = new VoronoiOutlines(Subdivision(sites), index, labels, Factory, anyPlace: true).Trace(VoronoiOutlines.AnyPlace);
            if (traced is null) continue; // not valid: the builder then unites the places' outlines as before
            var union = OverlayNGRobust.Union(Subdivision(sites).GetVoronoiCellPolygons(Factory)
                .Where(c => labels[index[(Coordinate)c.UserData]] >= 0).Select(c => c.IsValid ? c : GeometryFixer.Fix(c)).ToList());
            double d = Difference(traced, union);
            if (d > 1e-9) failures.Add($"{homes.Authorities[a]}: {d:E2}");
        }

        return (failures.Count == 0).Label(string.Join("; ", failures)).Label(layout.ToString());
    }

    /// <summary>The whole map both ways (traced outlines, and every cell built and dissolved as before): each territory and no-place area is the same region.</summary>
    [Property(MaxTest = 150, Arbitrary = [typeof(VoronoiTerritoryBuilderTests.Layouts)])]
    public Property Build_TracedOrCells_SameMap(VoronoiTerritoryBuilderTests.Layout layout)
    {
        var (homes, places, placeOf) = layout.Build();
        var traced = new VoronoiTerritoryBuilder().Build(homes, places, placeOf, new TerritoryOptions());
        var cells = new VoronoiTerritoryBuilder(traceOutlines: false).Build(homes, places, placeOf, new TerritoryOptions());
        var failures = new List<string>();
        for (int p = 0; p < places.Length; p++)
        {
            double d = Difference(traced.Places[p].Territory, cells.Places[p].Territory);
            if (d > 1e-9) failures.Add($"{places[p].Id}: {d:E2}");
        }

        for (int a = 0; a < traced.Authorities.Count; a++)
        {
            double d = Difference(traced.Authorities[a].NoPlace, cells.Authorities[a].NoPlace);
            if (d > 1e-9) failures.Add($"no-place area of {traced.Authorities[a].Authority}: {d:E2}");
        }

        return (failures.Count == 0).Label(string.Join("; ", failures)).Label(layout.ToString());
    }
}
