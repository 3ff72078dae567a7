using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.Persistence;
using PlaceKit.Planning;
using static PlaceKit.Tests.Editing.EditingFixtures;

namespace PlaceKit.Tests.Editing;

/// <summary>Locked places: edits refuse to change them, plan.json keeps them, re-runs keep their homes and cluster the rest around them.</summary>
public class LockTests
{
    private static string[] IdsOf(PlacePlan plan, string placeId) =>
        [.. plan.HomeIndicesOf(placeId).Select(i => plan.Homes.Ids[i]).Order(StringComparer.Ordinal)];

    private static string HomeOutside(PlacePlan plan, string placeId)
    {
        var place = plan.GetPlace(placeId);
        int i = Enumerable.Range(0, plan.Homes.Count)
            .First(i => plan.Homes.Authorities[plan.Homes.AuthorityIndex[i]] == place.Authority && plan.PlaceOf(i)?.Id != placeId);
        return plan.Homes.Ids[i];
    }

    [Fact]
    public void Lock_MarksThePlaces_AndUnlockClearsThem()
    {
        var plan = SmallPlan();
        var locked = PlanEditor.Apply(plan, Edits("lock,P1;P3,"));
        Assert.True(locked.GetPlace("P1").Locked);
        Assert.True(locked.GetPlace("P3").Locked);
        Assert.False(locked.GetPlace("P2").Locked);
        Assert.Equal(PlaceIds(plan), PlaceIds(locked)); // locking moves no home
        var unlocked = PlanEditor.Apply(locked, Edits("unlock,P1,"));
        Assert.False(unlocked.GetPlace("P1").Locked);
        Assert.True(unlocked.GetPlace("P3").Locked);
        Assert.DoesNotContain(plan.Places, p => p.Locked);
    }

    [Fact]
    public void Edits_ThatWouldChangeALockedPlace_AreRefusedNamingIt()
    {
        var plan = PlanEditor.Apply(SmallPlan(), Edits("lock,P1,"));
        string member = IdsOf(plan, "P1")[0];
        string outsider = HomeOutside(plan, "P1");
        string sibling = plan.Places.First(p => p.Id != "P1" && p.Authority == plan.GetPlace("P1").Authority).Id;
        var cases = new[]
        {
            $"move,{outsider},P1",           // into it
            $"move,{member},{sibling}",      // out of it
            $"merge,{sibling};P1,",
            $"merge,P1;{sibling},",
            "split,P1,2",
            "remove,P1,",
            $"create,{member},Riverside",
            $"unplace,{member},",
        };
        foreach (var row in cases)
        {
            var ex = Assert.Throws<PlanEditException>(() => PlanEditor.Apply(plan, Edits(row)));
            var problem = Assert.Single(ex.Problems);
            Assert.Equal($"place 'P1' is locked: {row.Split(',')[0]} would change it; unlock it first (unlock,P1,)", problem.Reason);
        }

        // Unlocked first, the same edit applies.
        var moved = PlanEditor.Apply(plan, Edits("unlock,P1,", $"move,{outsider},P1"));
        Assert.Equal("P1", moved.PlaceOf(outsider)?.Id);
    }

    [Fact]
    public void LockAndUnlock_BadRows_AreRefused()
    {
        var plan = PlanEditor.Apply(SmallPlan(), Edits("lock,P1,"));
        Assert.Equal("place 'P1' is already locked", Assert.Single(Assert.Throws<PlanEditException>(() => PlanEditor.Apply(plan, Edits("lock,P1,"))).Problems).Reason);
        Assert.Equal("place 'P2' is not locked", Assert.Single(Assert.Throws<PlanEditException>(() => PlanEditor.Apply(plan, Edits("unlock,P2,"))).Problems).Reason);
        Assert.Equal("unknown place id 'NOPE'", Assert.Single(Assert.Throws<PlanEditException>(() => PlanEditor.Apply(plan, Edits("lock,NOPE,"))).Problems).Reason);
        Assert.Equal("lock takes no argument, was 'x'; leave the argument empty", Assert.Single(Assert.Throws<PlanEditException>(() => PlanEditor.Apply(plan, Edits("lock,P2,x"))).Problems).Reason);
        Assert.Equal("no targets: list the place ids, separated by ';'", Assert.Single(Assert.Throws<PlanEditException>(() => PlanEditor.Apply(plan, Edits("unlock,,"))).Problems).Reason);
    }

    [Fact]
    public void EditsOneAtATime_EqualEditsAllAtOnce_WithLocks()
    {
        var plan = SmallPlan();
        string outsider = HomeOutside(plan, "P2");
        var pair = plan.Places.Where(p => p.Id != "P2").GroupBy(p => p.Authority).First(g => g.Count() >= 2).Take(2).Select(p => p.Id).ToArray();
        var (x, y) = (pair[0], pair[1]);
        var rows = new[] { $"move,{outsider},P2", $"lock,P2;{x},", $"unlock,{x},", $"merge,{x};{y},", $"lock,{x}," };
        var once = PlanEditor.Apply(plan, Edits(rows));
        var stepped = plan;
        foreach (var e in Edits(rows)) stepped = PlanEditor.Apply(stepped, [e]);
        Assert.Equal(PlaceIds(once), PlaceIds(stepped));
        Assert.Equal(once.Places.Where(p => p.Locked).Select(p => p.Id), stepped.Places.Where(p => p.Locked).Select(p => p.Id));
        Assert.Equal(new[] { "P2", x }.Order(StringComparer.Ordinal), once.Places.Where(p => p.Locked).Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Throws<KeyNotFoundException>(() => once.GetPlace(y));
    }

    [Fact]
    public void PlanFile_KeepsLocks_AndTheLoadedPlanRefusesEditsOfThem()
    {
        var plan = PlanEditor.Apply(SmallPlan(), Edits("lock,P3,"));
        using var stream = new MemoryStream();
        PlanFile.Save(plan, stream);
        stream.Position = 0;
        var loaded = PlanFile.Load(stream);
        Assert.True(loaded.GetPlace("P3").Locked);
        Assert.Single(loaded.Places, p => p.Locked);
        Assert.Contains("place 'P3' is locked", Assert.Single(PlanEditor.Validate(loaded, Edits("remove,P3,"))).Reason);
        Assert.Contains("place 'P3' is locked", Assert.Single(Assert.Throws<PlanEditException>(() => PlanEditor.Apply(loaded, Edits("remove,P3,"))).Problems).Reason);
    }

    [Fact]
    public void PlanFile_LockedClusterWithoutAPlace_IsAnError()
    {
        var plan = SmallPlan();
        using var stream = new MemoryStream();
        PlanFile.Save(plan, stream);
        string json = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        int reasons = json.IndexOf("\"reasons\"", StringComparison.Ordinal);
        Assert.True(reasons > 0);
        json = json.Insert(reasons, "\"locked\":true,");
        var ex = Assert.Throws<PlanFileException>(() => PlanFile.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
        Assert.Contains("is locked but is not a place", ex.Message);
    }

    [Fact]
    public void Rerun_KeepsALockedPlace_EvenWhenTheRulesWouldTrimIt_AndClustersTheRestAroundIt()
    {
        var all = SampleStock.Generate(6_000, 3, 21);
        var options = new PlaceKitOptions { Seed = 3, Clustering = { TargetSize = 300 }, Trimming = { MinHomes = 100 } };
        var previous = PlaceDefiner.Create(options).Define(HomeSet.Create(all));
        var smallest = previous.Places.OrderBy(p => p.Homes).First();
        var locked = PlanEditor.Apply(previous, Edits($"lock,{smallest.Id},"));
        var before = IdsOf(locked, smallest.Id);

        // The new run asks for places of at least 10,000 homes: nothing else qualifies, the locked place stays.
        var strict = options.Clone();
        strict.Trimming.MinHomes = 10_000;
        var gone = before.Take(3).ToHashSet(StringComparer.Ordinal);
        var result = PlanRerun.Define(HomeSet.Create(all.Where(h => !gone.Contains(h.Id))), locked, strict);
        var place = Assert.Single(result.Plan.Places);
        Assert.Equal(smallest.Id, place.Id);
        Assert.True(place.Locked);
        Assert.Equal(before.Skip(3), IdsOf(result.Plan, smallest.Id));
        Assert.Empty(result.SkippedEdits);
        AssertInvariant(result.Plan);

        // The rest of the authority was clustered without the locked homes: no cluster but the place holds any of them.
        int cluster = result.Plan.ClusterOfHome[result.Plan.HomeIndicesOf(smallest.Id)[0]];
        for (int i = 0; i < result.Plan.Homes.Count; i++)
        {
            Assert.Equal(result.Plan.PlaceOf(i)?.Id == smallest.Id, result.Plan.ClusterOfHome[i] == cluster);
        }
    }

    [Fact]
    public void Rerun_LockedPlaceMadeByEdits_KeepsItsHomesAndHistory_WithNothingSkipped()
    {
        var all = SampleStock.Generate(4_000, 2, 9);
        var previous = PlaceDefiner.Create(new PlaceKitOptions { Seed = 9, Clustering = { TargetSize = 250 }, Trimming = { MinHomes = 50 } }).Define(HomeSet.Create(all));
        var p = previous.Places[0];
        var members = IdsOf(previous, p.Id).Take(40).ToArray();
        string outsider = HomeOutside(previous, p.Id);
        var edited = PlanEditor.Apply(previous,
        [
            new PlanEdit(2, "create", members, "Riverside"),
            new PlanEdit(3, "move", [outsider], "Riverside"),
            new PlanEdit(4, "merge", [p.Id, previous.Places.First(q => q.Id != p.Id && q.Authority == p.Authority).Id], ""),
            new PlanEdit(5, "lock", ["Riverside"], ""),
        ]);
        var expected = IdsOf(edited, "Riverside");
        Assert.Equal(41, expected.Length);

        var (_, moved) = PlanRerunTests.Churn(all, 0.03, 4);
        var stock = moved.Ids.Union(expected, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var result = PlanRerun.Define(HomeSet.Create(all.Where(h => stock.Contains(h.Id))), edited);
        Assert.Empty(result.SkippedEdits);
        Assert.True(result.Plan.GetPlace("Riverside").Locked);
        Assert.Equal(expected, IdsOf(result.Plan, "Riverside"));
        Assert.Equal(edited.Edits, result.Plan.Edits); // the history is kept whole
        AssertInvariant(result.Plan);

        // The re-run plan edits like any other: a lock holds, unlocking frees it, one edit at a time equals all at once.
        Assert.Contains("place 'Riverside' is locked", Assert.Single(PlanEditor.Validate(result.Plan, Edits("remove,Riverside,"))).Reason);
        var unlocked = PlanEditor.Apply(result.Plan, Edits("unlock,Riverside,", "remove,Riverside,"));
        Assert.Throws<KeyNotFoundException>(() => unlocked.GetPlace("Riverside"));
        var stepped = PlanEditor.Apply(PlanEditor.Apply(result.Plan, Edits("unlock,Riverside,")), Edits("remove,Riverside,"));
        Assert.Equal(PlaceIds(unlocked), PlaceIds(stepped));

        // Saved and loaded, the re-run plan still knows the lock, and re-runs again keep it.
        using var stream = new MemoryStream();
        PlanFile.Save(result.Plan, stream);
        stream.Position = 0;
        var loaded = PlanFile.Load(stream);
        Assert.True(loaded.GetPlace("Riverside").Locked);
        var again = PlanRerun.Define(HomeSet.Create(all), loaded);
        Assert.Equal(expected, IdsOf(again.Plan, "Riverside"));
        Assert.Empty(again.SkippedEdits);
    }

    [Fact]
    public void Rerun_WithTeams_ALockedPlaceTakesOneTeam()
    {
        var all = SampleStock.Generate(6_000, 2, 13);
        var options = new PlaceKitOptions { Seed = 13, Clustering = { TargetSize = 250 }, Trimming = { Teams = 6, MaxSpreadMeters = 1e7 } };
        var previous = PlaceDefiner.Create(options).Define(HomeSet.Create(all));
        Assert.Equal(6, previous.Places.Count);
        var locked = PlanEditor.Apply(previous, Edits($"lock,{previous.Places[^1].Id};{previous.Places[^2].Id},"));
        var result = PlanRerun.Define(HomeSet.Create(all), locked);
        Assert.Equal(6, result.Plan.Places.Count);
        Assert.Equal(2, result.Plan.Places.Count(p => p.Locked));
        Assert.Equal(6, result.Plan.Options.Trimming.Teams); // the plan keeps the user's count

        var one = options.Clone();
        one.Trimming.Teams = 2;
        var none = PlanRerun.Define(HomeSet.Create(all), locked, one);
        Assert.Equal(2, none.Plan.Places.Count);
        Assert.All(none.Plan.Places, p => Assert.True(p.Locked));
        Assert.Contains(none.Plan.Unplaced, u => u.Reasons.Any(r => r.Detail.Contains("every team went to a locked place", StringComparison.Ordinal)));
    }

    [Fact]
    public void Rerun_ALockedPlaceWhoseHomesAllLeft_IsGone_AndItsLockIsReported()
    {
        var all = SampleStock.Generate(3_000, 2, 5);
        var previous = PlaceDefiner.Create(new PlaceKitOptions { Seed = 5, Clustering = { TargetSize = 200 }, Trimming = { MinHomes = 50 } }).Define(HomeSet.Create(all));
        var p = previous.Places[1];
        var locked = PlanEditor.Apply(previous, Edits($"lock,{p.Id},"));
        var gone = IdsOf(locked, p.Id).ToHashSet(StringComparer.Ordinal);
        var result = PlanRerun.Define(HomeSet.Create(all.Where(h => !gone.Contains(h.Id))), locked);
        Assert.DoesNotContain(result.Plan.Places, q => q.Locked);
        var skipped = Assert.Single(result.SkippedEdits);
        Assert.Contains(p.Id, skipped.Reason);
        AssertInvariant(result.Plan);
    }

    /// <summary>A churn of a stock: homes added, removed, moved (some across an authority border), and places locked.</summary>
    public sealed record LockScenario(int Homes, int Authorities, int Target, int Seed, int Locks, bool ByEdit, bool Teams, double Added, double Removed, double Moved, double FarMoved)
    {
        public override string ToString() =>
            $"{Homes} homes in {Authorities} authorities, target {Target}, seed {Seed}, {Locks} locks{(ByEdit ? " (one made by edits)" : "")}{(Teams ? ", teams" : "")}, churn +{Added:P0} -{Removed:P0} moved {Moved:P0} (far {FarMoved:P0})";
    }

    public static class LockScenarios
    {
        public static Arbitrary<LockScenario> Scenario() =>
            (from homes in Gen.Elements(2_000, 4_000, 8_000)
             from authorities in Gen.Choose(1, 4)
             from target in Gen.Elements(60, 150, 300)
             from seed in Gen.Choose(0, 100_000)
             from locks in Gen.Choose(1, 4)
             from byEdit in Gen.Elements(false, true)
             from teams in Gen.Elements(false, false, true)
             from added in Gen.Elements(0.0, 0.02, 0.15)
             from removed in Gen.Elements(0.0, 0.02, 0.15, 0.6)
             from movedShare in Gen.Elements(0.0, 0.05, 0.3)
             from far in Gen.Elements(0.0, 0.01, 0.05)
             select new LockScenario(homes, authorities, target, seed, locks, byEdit, teams, added, removed, movedShare, far)).ToArbitrary();
    }

    private static Home[] Churn(Home[] all, LockScenario s, int round, out Home[] extra)
    {
        var rng = new Random(s.Seed * 31 + round);
        var codes = all.Select(h => h.Authority).Distinct().Order(StringComparer.Ordinal).ToArray();
        var next = new List<Home>();
        foreach (var h in all)
        {
            if (rng.NextDouble() < s.Removed) continue;
            double r = rng.NextDouble();
            if (r < s.FarMoved) next.Add(h with { X = h.X + 30_000, Authority = codes[rng.Next(codes.Length)] }); // re-coded: may change authority
            else if (r < s.FarMoved + s.Moved) next.Add(h with { X = h.X + ((rng.NextDouble() - 0.5) * 4_000), Y = h.Y + ((rng.NextDouble() - 0.5) * 4_000) });
            else next.Add(h);
        }

        int add = (int)(all.Length * s.Added);
        extra = SampleStock.Generate(Math.Max(add, s.Authorities), s.Authorities, s.Seed + round + 1).Take(add)
            .Select((h, i) => h with { Id = $"new{round}-{i}" }).ToArray();
        next.AddRange(extra);
        var shuffled = next.ToArray();
        rng.Shuffle(shuffled);
        return shuffled;
    }

    /// <summary>
    /// After re-runs on churned stocks (homes added, removed, moved nearby or far and into another authority), each locked
    /// place holds exactly its homes that remain in the stock and in its authority, under the same id, still locked;
    /// no other home is in it; a locked place with nothing left is gone; every home is in one place or unplaced; and
    /// edits of a locked place are refused. Two re-runs in a row, from the plan saved and loaded in between.
    /// </summary>
    [Property(MaxTest = 14, Arbitrary = [typeof(LockScenarios)])]
    public Property Rerun_ChurnedStocks_LockedPlacesUnchanged(LockScenario s)
    {
        var all = SampleStock.Generate(s.Homes, s.Authorities, s.Seed).ToArray();
        var options = new PlaceKitOptions { Seed = s.Seed, Clustering = { TargetSize = s.Target }, Trimming = { MinHomes = s.Target / 2 } };
        if (s.Teams) options.Trimming.Teams = 3 + (s.Seed % 5);
        var plan = PlaceDefiner.Create(options).Define(HomeSet.Create(all));
        if (plan.Places.Count == 0) return true.Label("no places to lock");
        var rng = new Random(s.Seed);
        var edits = new List<PlanEdit>();
        if (s.ByEdit)
        {
            var p = plan.Places[rng.Next(plan.Places.Count)];
            var members = IdsOf(plan, p.Id);
            edits.Add(new PlanEdit(2, "create", members.Take(Math.Max(1, members.Length / 2)).ToArray(), "Agreed"));
        }

        var chosen = plan.Places.Select(p => p.Id).OrderBy(_ => rng.Next()).Take(s.Locks).ToList();
        if (s.ByEdit) chosen.Add("Agreed");
        edits.Add(new PlanEdit(edits.Count + 2, "lock", chosen, ""));
        plan = PlanEditor.Apply(plan, edits);

        var current = all;
        for (int round = 1; round <= 2; round++)
        {
            var lockedBefore = plan.Places.Where(p => p.Locked).ToDictionary(p => p.Id, p => (p.Authority, Ids: IdsOf(plan, p.Id)), StringComparer.Ordinal);
            current = Churn(current, s, round, out _);
            var stock = HomeSet.Create(current);
            var result = PlanRerun.Define(stock, plan);
            var next = result.Plan;
            AssertInvariant(next);
            foreach (var (id, (authority, ids)) in lockedBefore)
            {
                var remain = ids.Where(h => stock.TryGetIndex(h, out int i) && stock.Authorities[stock.AuthorityIndex[i]] == authority).ToArray();
                if (remain.Length == 0)
                {
                    if (next.TryGetPlace(id, out var q) && q.Locked) return false.Label($"round {round}: {id} has no home left but is still a locked place");
                    continue;
                }

                if (!next.TryGetPlace(id, out var place)) return false.Label($"round {round}: locked place {id} is gone with {remain.Length} homes left");
                if (!place.Locked) return false.Label($"round {round}: {id} is no longer locked");
                var now = IdsOf(next, id);
                if (!now.SequenceEqual(remain)) return false.Label($"round {round}: {id} had {remain.Length} remaining homes, now {now.Length}");
                var problems = PlanEditor.Validate(next, [new PlanEdit(1, "remove", [id], "")]);
                if (!problems.Any(x => x.Reason.Contains($"place '{id}' is locked", StringComparison.Ordinal))) return false.Label($"round {round}: removing {id} was not refused");
            }

            if (next.Places.Count(p => p.Locked) != lockedBefore.Count(kv => next.TryGetPlace(kv.Key, out _)))
            {
                return false.Label($"round {round}: {next.Places.Count(p => p.Locked)} locked places, expected those of {string.Join(", ", lockedBefore.Keys)}");
            }

            using var stream = new MemoryStream();
            PlanFile.Save(next, stream);
            stream.Position = 0;
            plan = PlanFile.Load(stream);
        }

        return true.ToProperty();
    }
}
