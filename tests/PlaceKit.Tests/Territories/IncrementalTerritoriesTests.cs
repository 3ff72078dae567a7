using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using PlaceKit.DependencyInjection;
using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Territories;
using PlaceKit.Tests.Support;
using PlaceKit.Trimming;

namespace PlaceKit.Tests.Territories;

/// <summary>
/// An edited plan builds only the authorities its edit touched (the studio's per-edit cost) and gets exactly the
/// territories a whole build gives.
/// </summary>
public class IncrementalTerritoriesTests
{
    private sealed class CountingBuilder : ITerritoryBuilder
    {
        private readonly VoronoiTerritoryBuilder _inner = new();

        public List<(int Homes, int Authorities)> Calls { get; } = [];

        public TerritoryMap Build(HomeSet homes, IReadOnlyList<Place> places, ReadOnlySpan<int> placeIndexOfHome, TerritoryOptions options,
            int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
        {
            lock (Calls) Calls.Add((homes.Count, homes.Authorities.Count));
            return _inner.Build(homes, places, placeIndexOfHome, options, maxDegreeOfParallelism, cancellationToken);
        }
    }

    private static string? Different(TerritoryMap a, TerritoryMap b)
    {
        if (a.Places.Count != b.Places.Count) return $"{a.Places.Count} vs {b.Places.Count} places";
        for (int p = 0; p < a.Places.Count; p++)
        {
            var (x, y) = (a.Places[p], b.Places[p]);
            if (x.PlaceId != y.PlaceId || x.Authority != y.Authority || !x.Territory.EqualsExact(y.Territory) || x.PolsbyPopper != y.PolsbyPopper)
            {
                return $"place {p} ({x.PlaceId} vs {y.PlaceId}) differs";
            }
        }

        for (int a2 = 0; a2 < a.Authorities.Count; a2++)
        {
            var (x, y) = (a.Authorities[a2], b.Authorities[a2]);
            if (x.Authority != y.Authority || !x.Area.EqualsExact(y.Area) || !x.NoPlace.EqualsExact(y.NoPlace)) return $"authority {x.Authority} differs";
        }

        return null;
    }

    /// <summary>Random edits applied one at a time, as the studio does, each plan's territories read before the next edit.</summary>
    [Property(MaxTest = 40, Arbitrary = [typeof(Stocks)])]
    public Property EditsOneAtATime_IncrementalTerritories_EqualAWholeBuild(TestStock stock, int editSeed)
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions
        {
            Seed = stock.Seed,
            Clustering = { TargetSize = stock.TargetSize },
            Trimming = { MinHomes = 1, MaxSpreadMeters = 1e6 },
        }).Define(stock.ToHomeSet());
        _ = plan.Territories;
        var rng = new Random(editSeed);
        int applied = 0;
        for (int step = 0; step < 4; step++)
        {
            var edited = PlanEditor.ApplyWhereValid(plan, [RandomEdit(plan, rng, step + 2)], out var skipped);
            applied += skipped.Count == 0 ? 1 : 0;
            var whole = new VoronoiTerritoryBuilder().Build(edited.Homes, edited.Places, edited.PlaceIndexOfHome, edited.Options.Territories);
            string? diff = Different(edited.Territories, whole);
            if (diff is not null) return false.Label($"after edit {step + 1}: {diff}").Label(stock.ToString());
            plan = edited;
        }

        return true.ToProperty().Classify(applied > 0, "some edit applied").Classify(plan.Homes.Authorities.Count > 1, "several authorities");
    }

    [Fact]
    public void MoveInOneAuthority_RebuildsOnlyThatAuthority()
    {
        var builder = new CountingBuilder();
        using var sp = new ServiceCollection()
            .AddSingleton<ITerritoryBuilder>(builder)
            .AddPlaceKit(o => { o.Clustering.TargetSize = 150; o.Trimming.MinHomes = 1; o.Trimming.MaxSpreadMeters = 1e6; })
            .BuildServiceProvider();
        var homes = HomeSet.Create(SampleStock.Generate(6000, 5, 7));
        var plan = sp.GetRequiredService<IPlaceDefiner>().Define(homes);
        Assert.Equal((homes.Count, homes.Authorities.Count), Assert.Single(builder.Calls));

        var group = plan.Places.GroupBy(p => p.Authority).First(g => g.Count() >= 2).ToArray();
        int from = plan.Places.ToList().IndexOf(group[0]);
        string home = plan.Homes.Ids[plan.HomesOf(from)[0]];
        var edited = PlanEditor.Apply(plan, [new PlanEdit(2, "move", [home], group[1].Id)]);
        _ = edited.Territories;

        int authorityHomes = Enumerable.Range(0, homes.Count).Count(i => homes.Authorities[homes.AuthorityIndex[i]] == group[0].Authority);
        Assert.Equal((authorityHomes, 1), builder.Calls[^1]);
        Assert.Null(Different(edited.Territories, new VoronoiTerritoryBuilder().Build(edited.Homes, edited.Places, edited.PlaceIndexOfHome, edited.Options.Territories)));

        // Undoing by a move back is again one authority, and gives the first plan's territories.
        var back = PlanEditor.Apply(edited, [new PlanEdit(3, "move", [home], group[0].Id)]);
        Assert.Null(Different(back.Territories, plan.Territories));
        Assert.Equal(3, builder.Calls.Count);
    }

    private static PlanEdit RandomEdit(PlacePlan plan, Random rng, int line)
    {
        int n = plan.Homes.Count;
        string Home() => plan.Homes.Ids[rng.Next(n)];
        string Place() => plan.Places.Count == 0 ? "P1" : plan.Places[rng.Next(plan.Places.Count)].Id;
        string SameAuthorityPlace(string homeId)
        {
            plan.Homes.TryGetIndex(homeId, out int i);
            var own = plan.Places.Where(p => p.Authority == plan.Homes.Authorities[plan.Homes.AuthorityIndex[i]]).ToArray();
            return own.Length == 0 ? Place() : own[rng.Next(own.Length)].Id;
        }

        return rng.Next(6) switch
        {
            0 or 1 => Move(),
            2 => new PlanEdit(line, "merge", [Place(), Place()], ""),
            3 => new PlanEdit(line, "split", [Place()], rng.Next(2, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            4 => new PlanEdit(line, "create", [Home()], "New" + line),
            _ => new PlanEdit(line, "unplace", [Home()], ""),
        };

        PlanEdit Move()
        {
            string h = Home();
            return new PlanEdit(line, "move", [h], SameAuthorityPlace(h));
        }
    }
}
