using FsCheck;
using FsCheck.Fluent;
using PlaceKit.Homes;

namespace PlaceKit.Tests.Support;

/// <summary>A generated stock plus the knobs a property varies.</summary>
public sealed record TestStock(Home[] Homes, int TargetSize, int Seed)
{
    public HomeSet ToHomeSet() => HomeSet.Create(Homes);

    public override string ToString() => $"{Homes.Length} homes in {Homes.Select(h => h.Authority).Distinct().Count()} authorities, target {TargetSize}, seed {Seed}";
}

/// <summary>
/// FsCheck arbitraries shaped to reach the interesting cases: several authorities, blobs from a single point to
/// kilometres wide, blocks of flats sharing a coordinate, single-home authorities, and northings near the top of the
/// British National Grid (precision), with target sizes small enough to give many clusters.
/// </summary>
public static class Stocks
{
    public static Arbitrary<TestStock> Stock() => Gen().ToArbitrary();

    public static Gen<TestStock> Gen() =>
        from authorities in FsCheck.Fluent.Gen.Choose(1, 6)
        from blobsPer in FsCheck.Fluent.Gen.ArrayOf(Blobs(), authorities)
        from target in FsCheck.Fluent.Gen.Elements(1, 3, 7, 20, 50, 150)
        from seed in FsCheck.Fluent.Gen.Choose(0, int.MaxValue)
        from farNorth in FsCheck.Fluent.Gen.Elements(false, false, true)
        select Build(blobsPer, target, seed, farNorth);

    private static Gen<(int Size, double Sigma, double Cx, double Cy, double FlatShare)[]> Blobs() =>
        FsCheck.Fluent.Gen.Choose(1, 4).SelectMany(n => FsCheck.Fluent.Gen.ArrayOf(Blob(), n));

    private static Gen<(int Size, double Sigma, double Cx, double Cy, double FlatShare)> Blob() =>
        from size in FsCheck.Fluent.Gen.Frequency((3, FsCheck.Fluent.Gen.Choose(1, 3)), (5, FsCheck.Fluent.Gen.Choose(4, 120)), (2, FsCheck.Fluent.Gen.Choose(121, 400)))
        from sigma in FsCheck.Fluent.Gen.Elements(0.0, 5.0, 80.0, 400.0, 3000.0)
        from cx in FsCheck.Fluent.Gen.Choose(0, 20_000)
        from cy in FsCheck.Fluent.Gen.Choose(0, 20_000)
        from flats in FsCheck.Fluent.Gen.Elements(0.0, 0.0, 0.5)
        select (size, sigma, (double)cx, (double)cy, flats);

    private static TestStock Build((int Size, double Sigma, double Cx, double Cy, double FlatShare)[][] blobsPer, int target, int seed, bool farNorth)
    {
        var rng = new Random(seed);
        var homes = new List<Home>();
        for (int a = 0; a < blobsPer.Length; a++)
        {
            double ox = 300_000 + (a * 25_000), oy = farNorth ? 1_265_000 : 200_000 + (a * 10_000);
            foreach (var (size, sigma, cx, cy, flats) in blobsPer[a])
            {
                int i = 0;
                while (i < size)
                {
                    double x = Math.Round(ox + cx + (Normal(rng) * sigma), 1), y = Math.Round(Math.Min(1_299_999, oy + cy + (Normal(rng) * sigma)), 1);
                    int block = rng.NextDouble() < flats ? Math.Min(size - i, rng.Next(2, 30)) : 1;
                    for (int b = 0; b < block; b++, i++) homes.Add(new Home($"A{a}-{homes.Count}", x, y, $"E0900{a:D4}"));
                }
            }
        }

        // Interleave authorities as an export would.
        var shuffled = homes.ToArray();
        rng.Shuffle(shuffled);
        return new TestStock(shuffled, target, seed);
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(Math.Tau * rng.NextDouble());
}
