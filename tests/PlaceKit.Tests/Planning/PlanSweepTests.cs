using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Options;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Planning;

public class PlanSweepTests
{
    public static class Sweeps
    {
        public static Arbitrary<(TestStock Stock, int[] Targets, int[] MinHomes, double[] Spreads, ClusteringAlgorithm Algorithm, bool Reassign)> Case() =>
            (from stock in Stocks.Gen()
             from targets in Gen.SubListOf(new[] { 3, 20, 50, 150 }).Select(l => l.ToArray())
             from minHomes in Gen.SubListOf(new[] { 1, 5, 30, 100 }).Select(l => l.ToArray())
             from spreads in Gen.SubListOf(new[] { 50.0, 400.0, 3000.0 }).Select(l => l.ToArray())
             from algorithm in Gen.Elements(ClusteringAlgorithm.KMeans, ClusteringAlgorithm.SizeConstrained)
             from reassign in Gen.Elements(false, true)
             select (stock, targets, minHomes, spreads, algorithm, reassign)).ToArbitrary();
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Sweeps)])]
    public Property Run_EveryRowEqualsASingleRunWithTheSameOptions(
        (TestStock Stock, int[] Targets, int[] MinHomes, double[] Spreads, ClusteringAlgorithm Algorithm, bool Reassign) c)
    {
        var homes = c.Stock.ToHomeSet();
        var baseOptions = new PlaceKitOptions
        {
            Seed = c.Stock.Seed,
            Clustering = { TargetSize = c.Stock.TargetSize, Algorithm = c.Algorithm },
            Trimming = { Reassign = c.Reassign },
        };
        var rows = PlanSweep.Run(homes, baseOptions, c.Targets, c.MinHomes, c.Spreads);
        int expected = Math.Max(1, c.Targets.Length) * Math.Max(1, c.MinHomes.Length) * Math.Max(1, c.Spreads.Length);
        bool ok = rows.Count == expected;
        foreach (var row in rows)
        {
            var o = baseOptions.Clone();
            o.Clustering.TargetSize = row.TargetSize;
            o.Trimming.MinHomes = c.MinHomes.Length > 0 ? row.MinHomes : null;
            o.Trimming.MaxSpreadMeters = row.MaxSpreadMeters;
            var cov = PlaceDefiner.Create(o).Define(homes).Coverage;
            ok &= row.Places == cov.Places && row.PlacedHomes == cov.PlacedHomes && row.MeanPlaceSize == cov.MeanPlaceSize
                && row.MinPlaceSize == cov.MinPlaceSize && row.MaxPlaceSize == cov.MaxPlaceSize && row.ReassignedHomes == cov.ReassignedHomes
                && row.TotalHomes == homes.Count;
        }

        return ok.Label($"{c.Stock}; {rows.Count} rows").Classify(rows.Any(r => r.Places > 0), "some places");
    }

    [Fact]
    public void Run_SampleStock_RowsInOrder_LooserRulesNeverCoverLess()
    {
        var rows = PlanSweep.Run(SampleStock.Sample(), new PlaceKitOptions(), [], [300, 450, 600], [1500, 2500, 4000]);
        Assert.Equal(9, rows.Count);
        Assert.Equal([300, 300, 300, 450, 450, 450, 600, 600, 600], rows.Select(r => r.MinHomes));
        Assert.Equal([1500.0, 2500, 4000, 1500, 2500, 4000, 1500, 2500, 4000], rows.Select(r => r.MaxSpreadMeters));
        Assert.All(rows, r => Assert.Equal(450, r.TargetSize));

        // Same clustering for every row: a looser minimum or spread limit keeps a superset of places.
        for (int m = 0; m < 3; m++)
        {
            for (int s = 1; s < 3; s++) Assert.True(rows[(m * 3) + s].PlacedHomes >= rows[(m * 3) + s - 1].PlacedHomes);
        }

        for (int s = 0; s < 3; s++)
        {
            for (int m = 1; m < 3; m++) Assert.True(rows[(m * 3) + s].PlacedHomes <= rows[((m - 1) * 3) + s].PlacedHomes);
        }
    }

    [Fact]
    public void Run_BadCombination_ThrowsNamingFieldAndValue()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => PlanSweep.Run(SampleStock.Sample(), new PlaceKitOptions(), [450], [0], []));
        Assert.Contains("Trimming.MinHomes: must be >= 1, was 0", ex.Message);
    }
}
