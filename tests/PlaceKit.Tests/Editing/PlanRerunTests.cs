using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Clustering;
using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.Planning;
using Xunit.Abstractions;
using static PlaceKit.Tests.Editing.EditingFixtures;

namespace PlaceKit.Tests.Editing;

public class PlanRerunTests(ITestOutputHelper output)
{
    /// <summary>Splits a generated stock into an old and a new one: 2% only in the new (added), 2% only in the old (removed).</summary>
    internal static (HomeSet Old, HomeSet New) Churn(IReadOnlyList<Home> all, double share, int seed)
    {
        var rng = new Random(seed);
        var order = Enumerable.Range(0, all.Count).ToArray();
        rng.Shuffle(order);
        int m = (int)(all.Count * share);
        var added = order.Take(m).ToHashSet();
        var removed = order.Skip(m).Take(m).ToHashSet();
        return (HomeSet.Create(all.Where((_, i) => !added.Contains(i))), HomeSet.Create(all.Where((_, i) => !removed.Contains(i))));
    }

    [Fact]
    public void Rerun_TwoPercentChurn_AtLeast95PercentOfUnchangedHomesKeepTheirPlace()
    {
        var (old, @new) = Churn(SampleStock.Generate(12_000, 8, 11), 0.02, 5);
        var options = new PlaceKitOptions { Seed = 42, Clustering = { TargetSize = 300 } };
        var previous = PlaceDefiner.Create(options).Define(old);
        var result = PlanRerun.Define(@new, previous);
        output.WriteLine(result.Changes.Summary());
        Assert.Equal(@new.Count - 240, result.Changes.UnchangedHomes);
        Assert.True(result.Changes.Stability >= 0.95, $"stability {result.Changes.Stability:P1}");
        AssertInvariant(result.Plan);
    }

    [Fact]
    public void Rerun_SampleStockTwoPercentChurn_ReportsStability()
    {
        var all = SampleStock.Generate(SampleStock.SampleHomes, SampleStock.SampleAuthorities, SampleStock.SampleSeed);
        var (old, @new) = Churn(all, 0.02, 2026);
        var previous = PlaceDefiner.Create().Define(old);
        var result = PlanRerun.Define(@new, previous);
        var cold = PlanDiff.Compare(previous, PlaceDefiner.Create().Define(@new));
        var coldMatched = PlanRerun.Define(@new, previous, null, warmStart: false, default).Changes;
        output.WriteLine("warm start:");
        output.WriteLine(result.Changes.Summary());
        output.WriteLine("cold start (fresh run, ids by rank):");
        output.WriteLine(cold.Summary());
        output.WriteLine("cold start, ids carried over by overlap:");
        output.WriteLine(coldMatched.Summary());
        Assert.True(result.Changes.Stability >= 0.95, $"stability {result.Changes.Stability:P1}");
    }

    [Fact]
    public void Rerun_OneThreadAndMany_SamePlan()
    {
        var (old, @new) = Churn(SampleStock.Generate(6_000, 6, 21), 0.02, 21);
        var previous = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 150 } }).Define(old);
        var one = PlanRerun.Define(@new, previous, new PlaceKitOptions { MaxDegreeOfParallelism = 1, Clustering = { TargetSize = 150 } });
        var many = PlanRerun.Define(@new, previous, new PlaceKitOptions { MaxDegreeOfParallelism = 8, Clustering = { TargetSize = 150 } });
        Assert.Equal(PlaceIds(one.Plan), PlaceIds(many.Plan));
        Assert.Equal(one.Plan.ClusterOfHome.ToArray(), many.Plan.ClusterOfHome.ToArray());
    }

    [Fact]
    public void Rerun_OtherCrs_ThrowsNamingBoth()
    {
        var plan = SmallPlan();
        var utm = HomeSet.Create([new Home("X1", 500_000, 5_700_000, "E1")], CoordinateKind.Projected, PlanarProjection.FromEpsg(32630));
        var ex = Assert.Throws<ArgumentException>(() => PlanRerun.Define(utm, plan));
        Assert.Contains("EPSG:32630", ex.Message);
        Assert.Contains("EPSG:27700", ex.Message);
    }

    [Fact]
    public void Rerun_SameStock_KeepsEveryPlace()
    {
        var plan = SmallPlan();
        var result = PlanRerun.Define(plan.Homes, plan);
        // Not exactly 1: the warm start resumes k-means where the tolerance stopped it, so a few border homes settle.
        Assert.True(result.Changes.Stability >= 0.98, $"stability {result.Changes.Stability:P1}");
        Assert.Empty(result.Changes.PlacesCreated);
        Assert.Empty(result.Changes.PlacesGone);
    }

    [Fact]
    public void Rerun_CarriesEditsOverAndReportsSkipped()
    {
        var plan = SmallPlan();
        string pair = PlanFileTests.SameAuthorityPair(plan);
        var edited = PlanEditor.Apply(plan, Edits($"merge,{pair},", "unplace,NOT-A-HOME-LATER,"[..0] + $"unplace,{plan.Homes.Ids[0]},"));
        var homes = HomeSet.Create(Enumerable.Range(1, plan.Homes.Count - 1).Select(i => plan.Homes[i]));
        var result = PlanRerun.Define(homes, edited);
        Assert.DoesNotContain(result.Plan.Places, p => p.Id == pair.Split(';')[1]);
        Assert.Single(result.SkippedEdits);
        Assert.Contains("unknown home id", result.SkippedEdits[0].Reason);
        Assert.Single(result.Plan.Edits);
        Assert.True(result.Changes.Stability >= 0.95, $"stability {result.Changes.Stability:P1}");
    }

    /// <summary>
    /// Stability of the warm start and id carry-over on generated stocks of 8,000-16,000 homes in 1-8 authorities, target
    /// 200-450. Every cluster is kept (no trimming), so this measures the clustering: with the trimming rules on, a
    /// cluster whose r90 or size sits on a limit can flip between place and trimmed, which no clustering can prevent.
    /// <para>What the re-run guarantees, and so what is asserted: (1) in each authority it drops only the previous places
    /// none of whose homes remain, and adds or drops others only as the k rule
    /// (<see cref="KMeansClusterer.ClusterCount(int, int, int)"/>) asks for the new count (the churn is random, so an
    /// authority's count can cross a rounding step: 5,535 -> 5,550 homes at target 300 is k 18 -> 19); (2) the homes
    /// of a place so added or dropped change place by the user's own rule, whatever the clustering does (a new place of
    /// ~target homes is 5% of an 8,000-home stock by itself), so they are left out; (3) at least 95% of the other
    /// unchanged homes keep their place. In most draws no place is added or dropped and (3) is the plain
    /// <see cref="PlanDiff.Stability"/>.</para>
    /// <para>Small stocks with small targets are less stable (2,000 homes, one authority, target 100: about 93%, see
    /// notes/issue-7.md). Before the anchored warm start (notes/issue-17-rerun.md) 6 of 3,000 draws fell under 95%.</para>
    /// </summary>
    private static readonly int[] Targets = [200, 300, 450];

    /// <summary>A landing train's draw (27 November 2026): 9,536 homes in one authority, target 450, 2% churn: stability
    /// 93.5% with plain Lloyd iterations from the previous centres (the previous run had stopped on a pause of a slow
    /// descent, which the churn restarted); 99.8% with the anchored warm start (notes/issue-17-rerun.md).</summary>
    [Property(MaxTest = 1, Replay = "7327959058113222501,15971143794694664379,100")]
    public Property Rerun_GeneratedStocks_ReplayOfATrainsDraw(PositiveInt seed, byte sizeKnob, byte targetKnob) =>
        Rerun_GeneratedStocks_StabilityHolds(seed, sizeKnob, targetKnob);

    [Property(MaxTest = 12)]
    public Property Rerun_GeneratedStocks_StabilityHolds(PositiveInt seed, byte sizeKnob, byte targetKnob)
    {
        int n = 8_000 + (sizeKnob * 32), authorities = 1 + (sizeKnob % 8), target = Targets[targetKnob % Targets.Length];
        var (old, @new) = Churn(SampleStock.Generate(n, authorities, seed.Get), 0.02, seed.Get);
        var options = new PlaceKitOptions { Seed = seed.Get, Clustering = { TargetSize = target }, Trimming = { MinHomes = 1, MaxSpreadMeters = 1e7 } };
        var previous = PlaceDefiner.Create(options).Define(old);
        var result = PlanRerun.Define(@new, previous);
        var changes = result.Changes;
        string label = $"seed {seed.Get}, {n} homes, {authorities} authorities, target {target}";

        // (1) Places added and dropped per authority: the emptied ones dropped, then what the k rule asks for the new count.
        var created = changes.PlacesCreated.ToHashSet(StringComparer.Ordinal);
        var gone = changes.PlacesGone.ToHashSet(StringComparer.Ordinal);
        foreach (string code in old.Authorities.Union(@new.Authorities))
        {
            int kOld = KRule(old, code, target), kNew = KRule(@new, code, target);
            int survivors = previous.Places.Count(p => p.Authority == code && previous.HomeIndicesOf(p.Id).Any(i => @new.TryGetIndex(previous.Homes.Ids[i], out _)));
            int added = result.Plan.Places.Count(p => p.Authority == code && created.Contains(p.Id));
            int dropped = previous.Places.Count(p => p.Authority == code && gone.Contains(p.Id));
            int addedByRule = Math.Max(0, kNew - survivors), droppedByRule = kOld - survivors + Math.Max(0, survivors - kNew);
            if (added != addedByRule || dropped != droppedByRule)
            {
                return false.Label($"{label}: {code} k {kOld} -> {kNew}, {kOld - survivors} place(s) emptied, but {added} place(s) added (rule {addedByRule}), {dropped} dropped (rule {droppedByRule})");
            }
        }

        // (2), (3) Unchanged homes (Churn keeps them identical) outside the added and dropped places.
        int counted = 0, kept = 0;
        for (int i = 0; i < @new.Count; i++)
        {
            if (!old.TryGetIndex(@new.Ids[i], out int j)) continue;
            string? before = previous.PlaceOf(j)?.Id, after = result.Plan.PlaceOf(i)?.Id;
            if ((after is not null && created.Contains(after)) || (before is not null && gone.Contains(before))) continue;
            counted++;
            if (before == after) kept++;
        }

        double stability = (double)kept / counted;
        return (stability >= 0.95).Label($"{label}: {kept:N0} of {counted:N0} unchanged homes outside added/dropped places kept their place ({stability:P1}; all unchanged homes {changes.Stability:P1})");
    }

    /// <summary>The k rule for one authority's homes in a stock (0 when the authority has none).</summary>
    private static int KRule(HomeSet homes, string code, int target)
    {
        int count = 0;
        for (int i = 0; i < homes.Count; i++) if (homes.Authorities[homes.AuthorityIndex[i]] == code) count++;
        return count == 0 ? 0 : KMeansClusterer.ClusterCount(count, target, int.MaxValue);
    }

    [Fact]
    public void Rerun_WithTrimming_PlacedHomesKeepTheirPlace()
    {
        // Seed 43 on 4,000 homes: a trimmed cluster's r90 drops under the limit and it becomes a new place (P5); the
        // homes that had a place all keep it.
        var (old, @new) = Churn(SampleStock.Generate(4_000, 3, 43), 0.02, 43);
        var previous = PlaceDefiner.Create(new PlaceKitOptions { Seed = 43, Clustering = { TargetSize = 200 } }).Define(old);
        var result = PlanRerun.Define(@new, previous);
        Assert.True(result.Changes.PlacedStability >= 0.95, $"placed stability {result.Changes.PlacedStability:P1}");
        Assert.Equal(["P5"], result.Changes.PlacesCreated);
        Assert.Empty(result.Changes.PlacesGone);
    }
}
