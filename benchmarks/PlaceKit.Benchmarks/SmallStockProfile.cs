using System.Diagnostics;
using System.Globalization;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Benchmarks;

/// <summary>
/// <c>smallprofile --csv FILE [--reps 200] [--threads 1]</c>: where the clustering stage's time goes on a small stock
/// (many authorities, small k): the whole stage, then its parts one at a time (partition by authority, distinct
/// locations, k-means per authority), each the mean of <c>--reps</c> repetitions after a warm-up; the stage with the
/// default (automatic) runs per authority and with one run; and with <c>--restarts N</c> the inertia for 1..N runs.
/// </summary>
internal static class SmallStockProfile
{
    internal static int Execute(string[] args)
    {
        var a = new CommandArgs(args);
        var homes = HomeCsv.Read(a.Text("csv") ?? throw new ArgumentException("smallprofile needs --csv FILE"));
        int reps = a.Int("reps", 200);
        var options = new PlaceKitOptions { MaxDegreeOfParallelism = a.Int("threads", 1) };
        var context = options.Context(null, default);
        var inv = CultureInfo.InvariantCulture;
        double inertia = 0, one = 0;
        var single = new PlaceKitOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, Clustering = { Restarts = 1 } };
        var partition = AuthorityPartition.Create(homes);
        var cols = new List<(double[] X, double[] Y, double Ss, int K, string Code)>();
        foreach (int au in partition.Order)
        {
            var m = partition.HomesOf(au);
            var x = new double[m.Length];
            var y = new double[m.Length];
            double mx = 0, my = 0;
            for (int i = 0; i < m.Length; i++) { mx += homes.X[m[i]]; my += homes.Y[m[i]]; }
            mx /= m.Length; my /= m.Length;
            double ss = 0;
            for (int i = 0; i < m.Length; i++) { x[i] = homes.X[m[i]] - mx; y[i] = homes.Y[m[i]] - my; ss += (x[i] * x[i]) + (y[i] * y[i]); }
            cols.Add((x, y, ss, KMeansClusterer.ClusterCount(m.Length, 450, AuthorityRunner.DistinctLocations(x, y)), homes.Authorities[au]));
        }

        var parts = new (string Name, Action Body)[]
        {
            ("whole stage (default)", () => inertia = new PlaceClusterer().Cluster(homes, options.Clustering, context).TotalInertia),
            ("whole stage, Restarts = 1", () => one = new PlaceClusterer().Cluster(homes, single.Clustering, single.Context(null, default)).TotalInertia),
            ("partition", () => AuthorityPartition.Create(homes)),
            ("distinct locations", () => { foreach (var c in cols) AuthorityRunner.DistinctLocations(c.X, c.Y); }),
            ("distinct, tuple set (old)", () => { foreach (var c in cols) TupleSetCount(c.X, c.Y); }),
            ("k-means (seed + iterate)", () =>
            {
                foreach (var c in cols)
                {
                    KMeansClusterer.Run(c.X, c.Y, c.K, c.Ss, options.Clustering, new Random(StableSeed.For(42, c.Code)),
                        KMeansClusterer.Choose(KMeansAlgorithm.Auto, c.X.Length, c.K), KMeansWork.DefaultChunk, null);
                }
            }),
        };
        Console.WriteLine(string.Create(inv, $"{homes.Count:N0} homes, {homes.Authorities.Count} authorities, threads {options.MaxDegreeOfParallelism}, {reps} reps"));
        foreach (var (name, body) in parts)
        {
            for (int r = 0; r < 5; r++) body();
            long t0 = Stopwatch.GetTimestamp();
            for (int r = 0; r < reps; r++) body();
            Console.WriteLine(string.Create(inv, $"  {name,-26} {Stopwatch.GetElapsedTime(t0).TotalMilliseconds / reps,9:0.000} ms"));
        }

        Console.WriteLine(string.Create(inv, $"  inertia {inertia:E6} (default), {one:E6} (Restarts = 1)"));
        foreach (var c in cols)
        {
            if (TupleSetCount(c.X, c.Y) != AuthorityRunner.DistinctLocations(c.X, c.Y)) throw new InvalidOperationException($"distinct counts differ in {c.Code}");
        }

        for (int restarts = 1; restarts <= a.Int("restarts", 0); restarts++)
        {
            var o = new PlaceKitOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, Clustering = { Restarts = restarts } };
            var ctx = o.Context(null, default);
            double inr = 0;
            for (int r = 0; r < 3; r++) inr = new PlaceClusterer().Cluster(homes, o.Clustering, ctx).TotalInertia;
            long t0 = Stopwatch.GetTimestamp();
            int rr = Math.Max(1, reps / 10);
            for (int r = 0; r < rr; r++) new PlaceClusterer().Cluster(homes, o.Clustering, ctx);
            Console.WriteLine(string.Create(inv, $"  restarts {restarts}: inertia {inr:E6}, {Stopwatch.GetElapsedTime(t0).TotalMilliseconds / rr:0.000} ms"));
        }
        return 0;
    }

    /// <summary>The distinct-location count as it was before issue 17's third session (a set of double tuples), for comparison.</summary>
    private static int TupleSetCount(double[] x, double[] y)
    {
        var seen = new HashSet<(double, double)>(x.Length);
        for (int i = 0; i < x.Length; i++) seen.Add((x[i], y[i]));
        return seen.Count;
    }
}
