using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Homes;

namespace PlaceKit.Tests.Homes;

/// <summary>The id index the reader and <see cref="HomeSet.TryGetIndex"/> use (issue 17: replaced a Dictionary to save memory) answers as a Dictionary with ordinal keys does.</summary>
public sealed class HomeIdIndexTests
{
    /// <summary>Shaped ids (numbered like H0000001, short, case and width variants, empty-looking, non-ASCII) added from a small start so it grows; every lookup, hit or miss, as a Dictionary answers.</summary>
    [Property(MaxTest = 200)]
    public Property TryGetValue_AnswersAsADictionary() =>
        Prop.ForAll(
            Gen.Choose(0, 3).SelectMany(shape => Gen.Choose(0, 3000).SelectMany(n => Gen.Choose(0, 40).SelectMany(capacity =>
                Gen.Choose(int.MinValue, int.MaxValue).Select(seed => (shape, n, capacity, seed))))).ToArbitrary(),
            t =>
            {
                var rng = new Random(t.seed);
                string Id() => t.shape switch
                {
                    0 => "H" + rng.Next(0, 2 * Math.Max(1, t.n)).ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
                    1 => rng.Next(0, 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    2 => new string("aAéE ß0"[rng.Next(0, 7)], rng.Next(1, 4)) + rng.Next(0, 9),
                    _ => string.Concat(Enumerable.Range(0, rng.Next(1, 12)).Select(_ => (char)rng.Next(0x20, 0x3000))),
                };
                var column = new string[Math.Max(1, t.capacity)];
                int homes = 0;
                var index = new HomeIdIndex(t.capacity, column);
                var reference = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int k = 0; k < t.n; k++)
                {
                    string id = Id();
                    bool had = reference.TryGetValue(id, out int expected);
                    if (index.TryGetValue(id, out int got) != had || (had && got != expected)) return false.Label($"lookup {k} of '{id}'");
                    if (!had)
                    {
                        int number = rng.Next(0, 2) == 0 ? homes : ~rng.Next(1, 1000); // a home's index, or ~line of a row with problems
                        if (number >= 0)
                        {
                            if (homes == column.Length)
                            {
                                Array.Resize(ref column, column.Length * 2); // the owner's column, replaced as it grows (as the reader's builder does)
                                index.Ids = column;
                            }

                            column[homes++] = id;
                        }

                        index.Add(id, number);
                        reference.Add(id, number);
                    }
                }

                bool all = reference.All(kv => index.TryGetValue(kv.Key, out int v) && v == kv.Value);
                bool misses = Enumerable.Range(0, 50).Select(_ => Id() + "\u0001").All(id => !index.TryGetValue(id, out _));
                return (all && misses && index.Count == reference.Count).Label($"all {all}, misses {misses}, count {index.Count}/{reference.Count}");
            });

    [Fact]
    public void AddTwice_Throws_NullThrows_OrdinalNotCaseBlind()
    {
        var index = new HomeIdIndex(0, ["H1"]);
        index.Add("H1", 0);
        Assert.Throws<ArgumentException>(() => index.Add("H1", 1));
        Assert.Throws<ArgumentNullException>(() => index.TryGetValue(null!, out _));
        Assert.False(index.TryGetValue("h1", out _));
        Assert.True(index.TryGetValue(new string(['H', '1']), out int i));
        Assert.Equal(0, i);
    }

    [Fact]
    public void HomeSet_TryGetIndex_FindsEveryHome_AlsoInASubset()
    {
        var homes = HomeSet.Create(SampleStock.Generate(5000, 3, 7));
        for (int i = 0; i < homes.Count; i++)
        {
            Assert.True(homes.TryGetIndex(homes.Ids[i], out int j));
            Assert.Equal(i, j);
        }

        Assert.False(homes.TryGetIndex("no such home", out _));
        Assert.Throws<ArgumentNullException>(() => homes.TryGetIndex(null!, out _));
        int[] picked = [.. Enumerable.Range(0, homes.Count).Where(i => i % 3 == 1)];
        var subset = homes.Subset(picked);
        for (int j = 0; j < picked.Length; j++)
        {
            Assert.True(subset.TryGetIndex(homes.Ids[picked[j]], out int k));
            Assert.Equal(j, k);
        }

        Assert.False(subset.TryGetIndex(homes.Ids[0], out _));
    }
}
