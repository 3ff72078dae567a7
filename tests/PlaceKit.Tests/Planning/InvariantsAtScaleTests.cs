using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using PlaceKit.Trimming;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Planning;

/// <summary>A stock shaped for the edges: thousands of tiny authorities, duplicate locations, single-home authorities, grid-edge coordinates.</summary>
public sealed record EdgeStock(Home[] Homes, int TargetSize, int Seed, string Shape)
{
    public override string ToString() => $"{Shape}: {Homes.Length} homes in {Homes.Select(h => h.Authority).Distinct().Count()} authorities, target {TargetSize}, seed {Seed}";
}

/// <summary>Invariants at scale, checked on every stage: no home lost or duplicated, no cluster crosses an authority, same result on any thread count and run.</summary>
public class InvariantsAtScaleTests
{
    public static Arbitrary<EdgeStock> Stocks() =>
        (from shape in Gen.Elements("many-tiny-authorities", "duplicate-locations", "single-home-authorities", "extreme-coordinates")
         from target in Gen.Elements(1, 2, 5, 30, 450)
         from seed in Gen.Choose(0, int.MaxValue)
         select Build(shape, target, seed)).ToArbitrary();

    private static EdgeStock Build(string shape, int target, int seed)
    {
        var rng = new Random(seed);
        var homes = new List<Home>();
        void Add(double x, double y, string a) => homes.Add(new Home("h" + homes.Count, x, y, a));
        switch (shape)
        {
            case "many-tiny-authorities":
                for (int a = 0; a < 2000; a++)
                {
                    int n = rng.Next(1, 4);
                    double cx = rng.Next(0, 700_000), cy = rng.Next(0, 1_300_000);
                    for (int i = 0; i < n; i++) Add(Math.Clamp(cx + rng.Next(-50, 50), 0, 700_000), Math.Clamp(cy + rng.Next(-50, 50), 0, 1_300_000), "A" + a);
                }

                break;
            case "duplicate-locations":
                for (int a = 0; a < 5; a++)
                {
                    int points = rng.Next(1, 6);
                    for (int i = 0; i < 400; i++) Add(300_000 + (i % points), 400_000 + (a * 1000), "D" + a); // hundreds of homes on a few points
                }

                break;
            case "single-home-authorities":
                for (int a = 0; a < 300; a++) Add(rng.Next(0, 700_000), rng.Next(0, 1_300_000), "S" + a);
                for (int i = 0; i < 500; i++) Add(400_000 + rng.Next(0, 3000), 300_000 + rng.Next(0, 3000), "BIG");
                break;
            default:
                double[] xs = [0, 0.1, 699_999.9, 700_000];
                double[] ys = [0, 0.1, 1_299_999.9, 1_300_000];
                for (int i = 0; i < 800; i++) Add(xs[rng.Next(xs.Length)], ys[rng.Next(ys.Length)], "X" + rng.Next(0, 3));
                break;
        }

        var shuffled = homes.ToArray();
        rng.Shuffle(shuffled);
        return new EdgeStock(shuffled, target, seed, shape);
    }

    private static PlaceKitOptions Options(EdgeStock s, int threads) => new()
    {
        Seed = s.Seed,
        MaxDegreeOfParallelism = threads,
        Clustering = { TargetSize = s.TargetSize },
        Trimming = { MinHomes = Math.Max(1, s.TargetSize / 2), MaxSpreadMeters = 1000 },
    };

    [Property(MaxTest = 24, Arbitrary = [typeof(InvariantsAtScaleTests)])]
    public Property EveryStage_KeepsEveryHomeOnceAndAuthoritiesApart(EdgeStock stock)
    {
        var homes = HomeSet.Create(stock.Homes);
        var options = Options(stock, -1);
        int n = homes.Count;
        var authority = homes.AuthorityIndex.ToArray();

        // Clustering: every home in exactly one cluster, of its own authority; cluster sizes add up.
        var clusters = new KMeansClusterer().Cluster(homes, options);
        var ofHome = clusters.ClusterOfHome.ToArray();
        var authorityOfCluster = clusters.AuthorityOfCluster.ToArray();
        var counted = new int[clusters.ClusterCount + 1];
        for (int i = 0; i < n; i++)
        {
            int c = ofHome[i];
            if (c < 1 || c > clusters.ClusterCount) return false.Label($"home {i} in cluster {c}");
            if (authorityOfCluster[c - 1] != authority[i]) return false.Label($"cluster {c} crosses an authority");
            counted[c]++;
        }

        for (int c = 1; c <= clusters.ClusterCount; c++)
        {
            if (counted[c] != clusters.SizeOf(c) || counted[c] == 0) return false.Label($"cluster {c} size {clusters.SizeOf(c)} but {counted[c]} homes");
        }

        // Scoring: one score per cluster, sizes add to n.
        var scores = new DensityScorer().Score(homes, clusters, options);
        if (scores.Count != clusters.ClusterCount || scores.Sum(s => s.Homes) != n) return false.Label("scores lose homes");

        // Trimming: every cluster kept or trimmed, never both, trimmed with reasons.
        var trim = new PlaceTrimmer().Trim(scores, options);
        var ids = trim.Kept.Select(k => k.ClusterId).Concat(trim.Trimmed.Select(t => t.Cluster.ClusterId)).Order().ToArray();
        if (!ids.SequenceEqual(Enumerable.Range(1, clusters.ClusterCount))) return false.Label("trimming lost or duplicated a cluster");
        if (trim.Trimmed.Any(t => t.Reasons.Count == 0)) return false.Label("trimmed without a reason");

        // Plan and coverage: every home in exactly one place or unplaced.
        var plan = PlaceDefiner.Create(options).Define(homes);
        var seen = new int[n];
        for (int p = 0; p < plan.Places.Count; p++)
        {
            foreach (int i in plan.HomesOf(p))
            {
                seen[i]++;
                if (authority[i] != homes.Authorities.ToList().IndexOf(plan.Places[p].Authority)) return false.Label("place crosses an authority");
            }
        }

        foreach (var u in plan.Unplaced) seen[u.Index]++;
        if (seen.Any(s => s != 1)) return false.Label("a home is not in exactly one place or unplaced");
        if (plan.Coverage.TotalHomes != n || plan.Coverage.PlacedHomes + plan.Unplaced.Count != n) return false.Label("coverage does not add up");
        return true.Label(stock.ToString()).Classify(true, stock.Shape);
    }

    [Property(MaxTest = 12, Arbitrary = [typeof(InvariantsAtScaleTests)])]
    public Property Define_SameAcrossThreadCountsAndRuns(EdgeStock stock)
    {
        var homes = HomeSet.Create(stock.Homes);
        var one = PlaceDefiner.Create(Options(stock, 1)).Define(homes);
        var four = PlaceDefiner.Create(Options(stock, 4)).Define(homes);
        var again = PlaceDefiner.Create(Options(stock, -1)).Define(HomeSet.Create(stock.Homes));
        bool same = one.ClusterOfHome.SequenceEqual(four.ClusterOfHome) && one.ClusterOfHome.SequenceEqual(again.ClusterOfHome)
            && one.PlaceIndexOfHome.SequenceEqual(four.PlaceIndexOfHome) && one.PlaceIndexOfHome.SequenceEqual(again.PlaceIndexOfHome)
            && one.Clusters.Select(c => (c.Rank, c.Tightness)).SequenceEqual(four.Clusters.Select(c => (c.Rank, c.Tightness)));
        return same.Label(stock.ToString());
    }
}
