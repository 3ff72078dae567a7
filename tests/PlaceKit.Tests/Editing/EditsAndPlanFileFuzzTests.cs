using System.Diagnostics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PlaceKit.Editing;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Tests.Homes;
using Xunit.Abstractions;
using PlaceKit.Persistence;

namespace PlaceKit.Tests.Editing;

/// <summary>
/// Fuzzing the other two readers of user files: corrupted edit files must read and apply cleanly or fail with
/// <see cref="PlanEditException"/> (never another exception, never a broken plan); corrupted <c>plan.json</c> files
/// must load a whole plan or fail with <see cref="PlanFileException"/>. Bounded like the homes fuzz
/// (<c>PLACEKIT_FUZZ_SECONDS</c>, trait Category=Fuzz).
/// </summary>
public sealed class EditsAndPlanFileFuzzTests(ITestOutputHelper output)
{
    private static readonly Lazy<PlacePlan> Plan = new(() =>
    {
        var plan = PlaceDefiner.Create(new PlaceKitOptions { Seed = 3, Clustering = { TargetSize = 40 }, Trimming = { MinHomes = 20 } })
            .Define(HomeSet.Create(SampleStock.Generate(400, 3, 3)));
        return PlanEditor.Apply(plan, EditingFixtures.Edits($"remove,{plan.Places[^1].Id},"));
    });

    private static readonly Lazy<string> PlanJson = new(() =>
    {
        using var ms = new MemoryStream();
        PlanFile.Save(Plan.Value, ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    });

    private static Gen<string> ValidEdits()
    {
        var plan = Plan.Value;
        var places = plan.Places.Select(p => p.Id).ToArray();
        var homes = plan.Homes.Ids.ToArray();
        var row = Gen.OneOf(
            from h in Gen.Elements(homes) from p in Gen.Elements(places) select $"move,{h},{p}",
            from a in Gen.Elements(places) from b in Gen.Elements(places) select $"merge,{a};{b},",
            from p in Gen.Elements(places) from k in Gen.Choose(1, 4) select $"split,{p},{k}",
            from p in Gen.Elements(places) select $"remove,{p},",
            from h in Gen.Elements(homes) from g in Gen.Elements(homes) from n in Gen.Choose(0, 9) select $"create,{h};{g},New{n}",
            from h in Gen.Elements(homes) select $"unplace,{h},");
        return from rows in Gen.ListOf(row) select "action,targets,argument\n" + string.Join("\n", rows.Take(8)) + "\n";
    }

    private static Gen<Corruption> OneCorruption() =>
        from kind in Gen.Choose(0, Corruption.Kinds.Length - 1)
        from pos in Gen.Choose(0, 9_999)
        from b in Gen.Choose(0, 255)
        select new Corruption(kind, pos, (byte)b);

    private static Arbitrary<CorruptCsv> CorruptEdits() =>
        (from text in ValidEdits() from n in Gen.Choose(0, 4) from cs in Gen.ArrayOf(OneCorruption(), n) select new CorruptCsv(text, cs)).ToArbitrary();

    private static Arbitrary<CorruptCsv> CorruptPlan() =>
        (from n in Gen.Choose(1, 3) from cs in Gen.ArrayOf(OneCorruption(), n) select new CorruptCsv(PlanJson.Value, cs)).ToArbitrary();

    private static bool Whole(PlacePlan plan)
    {
        var seen = new int[plan.Homes.Count];
        for (int p = 0; p < plan.Places.Count; p++) foreach (int i in plan.HomesOf(p)) seen[i]++;
        foreach (var u in plan.Unplaced) seen[u.Index]++;
        return seen.All(s => s == 1);
    }

    private static Property EditsReadAndApplyOrThrowPlanEditException(CorruptCsv file)
    {
        try
        {
            var edits = PlanEdits.Read(new StreamReader(new MemoryStream(file.Bytes())));
            var after = PlanEditor.Apply(Plan.Value, edits);
            return Whole(after).Label("an edited plan lost or doubled a home").Classify(true, "applied");
        }
        catch (PlanEditException ex)
        {
            bool wellFormed = ex.Problems.Count > 0 && ex.Problems.All(p => !p.ToString().Contains('\n', StringComparison.Ordinal));
            return wellFormed.Label("malformed PlanEditException").Classify(true, "refused");
        }
        catch (Exception ex)
        {
            return false.Label($"threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static Property PlanLoadsWholeOrThrowsPlanFileException(CorruptCsv file)
    {
        try
        {
            var plan = PlanFile.Load(new MemoryStream(file.Bytes()));
            return Whole(plan).Label("a loaded plan lost or doubled a home").Classify(true, "loaded");
        }
        catch (PlanFileException ex)
        {
            return (ex.Message.Length > 0 && !ex.Message.Contains("   at ", StringComparison.Ordinal)).Label("malformed PlanFileException").Classify(true, "refused");
        }
        catch (Exception ex)
        {
            return false.Label($"threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private void Run(string what, Arbitrary<CorruptCsv> cases, Func<CorruptCsv, Property> property)
    {
        int seconds = int.TryParse(Environment.GetEnvironmentVariable("PLACEKIT_FUZZ_SECONDS"), out int s) ? s : 0;
        const int Batch = 200;
        var config = Config.QuickThrowOnFailure.WithMaxTest(Batch).WithQuietOnSuccess(true);
        var sw = Stopwatch.StartNew();
        int count = 0;
        do
        {
            Prop.ForAll(cases, property).Check(config);
            count += Batch;
        }
        while (sw.Elapsed.TotalSeconds < seconds);

        string report = $"fuzz: {count:N0} corrupted {what} in {sw.Elapsed.TotalSeconds:0.0} s, no failure";
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("PLACEKIT_FUZZ_REPORT") is { Length: > 0 } path) File.AppendAllText(path, report + "\n");
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public void Edits_Corrupted_ApplyWholeOrThrowPlanEditException() => Run("edit files", CorruptEdits(), EditsReadAndApplyOrThrowPlanEditException);

    [Fact]
    [Trait("Category", "Fuzz")]
    public void PlanJson_Corrupted_LoadsWholeOrThrowsPlanFileException() => Run("plan.json files", CorruptPlan(), PlanLoadsWholeOrThrowsPlanFileException);
}
