using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Tests.Editing;

/// <summary>Small plans and helpers shared by the editing tests.</summary>
internal static class EditingFixtures
{
    /// <summary>A 3,000-home generated stock in 4 authorities, target 150: about 20 places.</summary>
    internal static PlacePlan SmallPlan(int seed = 7) =>
        PlaceDefiner.Create(new PlaceKitOptions { Seed = seed, Clustering = { TargetSize = 150 }, Trimming = { MaxSpreadMeters = 5000 } })
            .Define(HomeSet.Create(SampleStock.Generate(3000, 4, seed)));

    internal static IReadOnlyList<PlanEdit> Edits(params string[] rows) =>
        PlanEdits.Read(new StringReader("action,targets,argument\n" + string.Join("\n", rows) + "\n"));

    internal static string?[] PlaceIds(PlacePlan plan)
    {
        var ids = new string?[plan.Homes.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = plan.PlaceOf(i)?.Id;
        return ids;
    }

    /// <summary>Checks the invariant: every home in exactly one place or unplaced, places inside one authority.</summary>
    internal static void AssertInvariant(PlacePlan plan)
    {
        var seen = new int[plan.Homes.Count];
        for (int p = 0; p < plan.Places.Count; p++)
        {
            foreach (int i in plan.HomesOf(p))
            {
                seen[i]++;
                Assert.Equal(plan.Places[p].Authority, plan.Homes.Authorities[plan.Homes.AuthorityIndex[i]]);
            }
        }

        foreach (var u in plan.Unplaced) seen[u.Index]++;
        Assert.All(seen, s => Assert.Equal(1, s));
        Assert.Equal(plan.Homes.Count, plan.Coverage.PlacedHomes + plan.Unplaced.Count);
    }
}
