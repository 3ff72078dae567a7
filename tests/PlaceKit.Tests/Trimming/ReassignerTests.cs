using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Support;
using PlaceKit.Trimming;

namespace PlaceKit.Tests.Trimming;

public class ReassignerTests
{
    private static PlaceKitOptions Options(TestStock s, double margin, bool reassign, double maxSpread = 500) => new()
    {
        Seed = s.Seed,
        Clustering = { TargetSize = s.TargetSize },
        Trimming = { MaxSpreadMeters = maxSpread, Reassign = reassign, ReassignMarginMeters = margin },
    };

    public static class Margins
    {
        public static Arbitrary<(TestStock Stock, double Margin)> Case() =>
            (from stock in Stocks.Gen()
             from margin in Gen.Elements(0.0, 100.0, 2000.0)
             select (stock, margin)).ToArbitrary();
    }

    [Property(MaxTest = 150, Arbitrary = [typeof(Margins)])]
    public Property Define_WithReassign_NeverCrossesAnAuthority_NeverBeyondTheReach_NoHomeLost((TestStock Stock, double Margin) c)
    {
        var homes = c.Stock.ToHomeSet();
        var before = PlaceDefiner.Create(Options(c.Stock, c.Margin, false)).Define(homes);
        var after = PlaceDefiner.Create(Options(c.Stock, c.Margin, true)).Define(homes);
        var keptBefore = before.Places.ToDictionary(p => p.Score.ClusterId, p => p.Score);
        var trimmedBefore = before.Trimmed.Select(t => t.Cluster.ClusterId).ToHashSet();
        bool ok = true;
        foreach (var m in after.Reassigned)
        {
            var place = keptBefore[m.ToClusterId];
            double dx = homes.X[m.Index] - place.CentreX, dy = homes.Y[m.Index] - place.CentreY;
            double d = Math.Sqrt((dx * dx) + (dy * dy));
            ok &= place.Authority == homes.Authorities[homes.AuthorityIndex[m.Index]] && place.Authority == m.Authority;
            ok &= d <= place.R90Meters + c.Margin + 1e-9 && Math.Abs(d - m.DistanceMeters) < 1e-6;
            ok &= trimmedBefore.Contains(m.FromClusterId) && before.ClusterOfHome[m.Index] == m.FromClusterId;
            ok &= after.PlaceOf(m.Index)?.Score.ClusterId == m.ToClusterId && before.PlaceOf(m.Index) is null;
        }

        // Every home placed before is placed in the same cluster after; no home lost.
        for (int i = 0; i < homes.Count; i++)
        {
            if (before.PlaceOf(i) is { } p) ok &= after.PlaceOf(i)?.Score.ClusterId == p.Score.ClusterId;
        }

        var cov = after.Coverage;
        ok &= cov.PlacedHomes + after.Unplaced.Count == homes.Count;
        ok &= cov.PlacedHomesBeforeReassignment == before.Coverage.PlacedHomes && cov.ReassignedHomes == after.Reassigned.Count;
        ok &= after.Places.Sum(p => p.Homes) == cov.PlacedHomes;
        ok &= after.Places.Select(p => p.Rank).SequenceEqual(Enumerable.Range(1, after.Places.Count));
        return ok.Label(c.Stock.ToString()).Classify(after.Reassigned.Count > 0, "moved some");
    }

    [Fact]
    public void Define_WithReassign_HamletNextToATownJoinsIt_RecordedAndRescored()
    {
        // A town of 400 homes (r90 ~ 30 m) and a hamlet of 20 homes 250 m from its centre, in one authority, plus a far
        // hamlet 5 km away that no place reaches.
        var homes = new List<Home>();
        for (int i = 0; i < 400; i++) homes.Add(new Home($"t{i}", 400000 + (i % 20 * 2.5), 300000 + (i / 20 * 2.5), "E1"));
        for (int i = 0; i < 20; i++) homes.Add(new Home($"h{i}", 400274 + (i % 5), 300024 + (i / 5), "E1"));
        for (int i = 0; i < 20; i++) homes.Add(new Home($"f{i}", 405000 + (i % 5), 300000 + (i / 5), "E1"));
        var set = HomeSet.Create(homes);
        var o = new PlaceKitOptions { Clustering = { TargetSize = 147 }, Trimming = { MinHomes = 100, Reassign = true, ReassignMarginMeters = 300 } };
        var plan = PlaceDefiner.Create(o).Define(set);

        Assert.Equal(20, plan.Reassigned.Count);
        Assert.All(plan.Reassigned, m => Assert.StartsWith("h", m.HomeId));
        Assert.All(plan.Reassigned, m => Assert.Equal($"reassigned-from: cluster {m.FromClusterId}", m.Note));
        Assert.Equal(20, plan.Unplaced.Count);
        Assert.All(plan.Unplaced, u => Assert.StartsWith("f", u.HomeId));
        Assert.Equal(20, plan.Coverage.ReassignedHomes);
        Assert.Equal(400, plan.Coverage.PlacedHomesBeforeReassignment);
        Assert.Equal(420, plan.Coverage.PlacedHomes);

        // The place that gained them was re-scored: 420 homes, a hull that reaches the hamlet.
        var place = plan.PlaceOf(400)!;
        Assert.Equal(420, place.Homes);
        Assert.True(place.Score.Hull.EnvelopeInternal.MaxX >= 400274);

        var csv = new StringWriter();
        PlanCsv.WriteHomes(plan, csv);
        Assert.Contains($"h0,E1,E1,{place.Score.ClusterId},{place.Id},placed,reassigned-from: cluster {plan.Reassigned[0].FromClusterId}", csv.ToString());
    }

    [Fact]
    public void Reassign_NegativeMargin_Throws()
    {
        var set = HomeSet.Create([new Home("a", 400000, 300000, "E1")]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Reassigner.Reassign(set, new[] { 1 }, new TrimResult([], []), -1));
    }
}
