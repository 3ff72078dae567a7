using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Trimming;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Planning;

/// <summary>The lookups a notebook or script uses: a place by id, its homes as a list or as records, a home's place by id.</summary>
public sealed class PlacePlanTests
{
    private static PlacePlan Define(TestStock stock) =>
        PlaceDefiner.Create(new PlaceKitOptions
        {
            Seed = stock.Seed,
            Clustering = { TargetSize = stock.TargetSize },
            Trimming = { MaxSpreadMeters = 500 },
        }).Define(stock.ToHomeSet());

    private static PlacePlan Sample() =>
        PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 150 }, Trimming = { MinHomes = 50, MaxSpreadMeters = 5000 } })
            .Define(HomeSet.Create(SampleStock.Generate(3000, 3, 5)));

    [Property(MaxTest = 100, Arbitrary = [typeof(Stocks)])]
    public Property Lookups_AgreeWithThePlacesAndTheHomeIndex(TestStock stock)
    {
        var plan = Define(stock);
        for (int p = 0; p < plan.Places.Count; p++)
        {
            var place = plan.Places[p];
            if (!ReferenceEquals(plan.GetPlace(place.Id), place)) return false.Label($"GetPlace({place.Id})");
            if (!plan.TryGetPlace(place.Id, out var found) || !ReferenceEquals(found, place)) return false.Label($"TryGetPlace({place.Id})");
            var indices = plan.HomeIndicesOf(place.Id);
            if (!indices.SequenceEqual(plan.HomesOf(p).ToArray())) return false.Label($"HomeIndicesOf({place.Id})");
            var homes = plan.HomesIn(place);
            if (homes.Count != place.Homes) return false.Label($"HomesIn({place.Id}) has {homes.Count} homes, the place {place.Homes}");
            for (int k = 0; k < homes.Count; k++)
            {
                var h = homes[k];
                int i = indices[k];
                if (h.Id != plan.Homes.Ids[i] || h.X != plan.Homes.X[i] || h.Y != plan.Homes.Y[i] || h.Authority != place.Authority)
                    return false.Label($"HomesIn({place.Id})[{k}] = {h}");
                if (!ReferenceEquals(plan.PlaceOf(h.Id), place)) return false.Label($"PlaceOf({h.Id})");
            }
        }

        foreach (var u in plan.Unplaced)
        {
            if (plan.PlaceOf(u.HomeId) is not null) return false.Label($"unplaced {u.HomeId} has a place");
        }

        return true.Label(stock.ToString()).Classify(plan.Places.Count == 0, "no places");
    }

    [Fact]
    public void HomesIn_FollowsTheInputOrder_AndMatchesTheInputRecords()
    {
        var input = SampleStock.Generate(3000, 3, 5);
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 150 } }).Define(HomeSet.Create(input));
        var place = plan.GetPlace("P1");
        var homes = plan.HomesIn("P1");
        var expected = input.Where((h, i) => plan.PlaceIndexOfHome[i] == 0).ToList();
        Assert.Equal(expected, homes);   // records: same id, coordinates (BNG metres as read) and authority
        Assert.Equal(place.Homes, homes.Count);
    }

    [Fact]
    public void HomeIndicesOf_IsAListToKeep_NotAViewOfThePlan()
    {
        var plan = Sample();
        var list = plan.HomeIndicesOf("P2");
        var copy = list.ToArray();
        Assert.IsNotType<int[]>(list);   // read-only: the plan's own array is not handed out
        Assert.Equal(copy, plan.HomeIndicesOf("P2"));
        Assert.Equal(plan.Places[1].Homes, list.Count);
    }

    [Fact]
    public void GetPlace_UnknownId_ThrowsNamingTheIdAndThePlansIds()
    {
        var plan = Sample();
        Assert.True(plan.Places.Count > 5);
        var ex = Assert.Throws<KeyNotFoundException>(() => plan.GetPlace("P999"));
        Assert.Equal($"No place has the id 'P999'; its places are P1, P2, P3, P4, P5, ... {plan.Places[^1].Id} ({plan.Places.Count} in all).", ex.Message);
        Assert.Throws<KeyNotFoundException>(() => plan.HomesIn("p1"));   // ids are case-sensitive
        Assert.Throws<KeyNotFoundException>(() => plan.HomeIndicesOf("nope"));
        Assert.False(plan.TryGetPlace("P999", out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Lookups_NoPlaces_SaySo()
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Clustering = { TargetSize = 100 }, Trimming = { MinHomes = 10_000 } })
            .Define(HomeSet.Create(SampleStock.Generate(300, 2, 3)));
        Assert.Empty(plan.Places);
        var ex = Assert.Throws<KeyNotFoundException>(() => plan.GetPlace("P1"));
        Assert.Equal("No place has the id 'P1'; the plan has no places.", ex.Message);
        Assert.Null(plan.PlaceOf(plan.Homes.Ids[0]));
    }

    [Fact]
    public void PlaceOf_UnknownHomeId_Throws_AndNullArgumentsThrow()
    {
        var plan = Sample();
        var ex = Assert.Throws<KeyNotFoundException>(() => plan.PlaceOf("no-such-home"));
        Assert.Contains("no-such-home", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => plan.GetPlace(null!));
        Assert.Throws<ArgumentNullException>(() => plan.TryGetPlace(null!, out _));
        Assert.Throws<ArgumentNullException>(() => plan.PlaceOf((string)null!));
        Assert.Throws<ArgumentNullException>(() => plan.HomesIn((Place)null!));
        Assert.Throws<ArgumentNullException>(() => plan.HomesIn((string)null!));
        Assert.Throws<ArgumentNullException>(() => plan.HomeIndicesOf(null!));
    }
}
