using System.Diagnostics;
using System.Globalization;
using PlaceKit.Clustering;

namespace PlaceKit.Benchmarks;

/// <summary>
/// <c>kernelprofile --homes N [--threads 1] [--seed 7] [--full]</c>: one generated authority of N homes (k from the 450
/// rule): seeding (pruned greedy k-means++, and with <c>--full</c> the unpruned one) then the iterations with the kernel
/// the clusterer chooses, each timed (wall and process CPU), with the resulting inertia and iteration count.
/// </summary>
internal static class KernelProfile
{
    internal static int Execute(string[] args)
    {
        var a = new CommandArgs(args);
        int homes = a.Int("homes", 1_000_000), threads = a.Int("threads", 1), seed = a.Int("seed", 7);
        var inv = CultureInfo.InvariantCulture;
        using var w = AuthorityFixture.Work(homes, threads: threads);
        var x = w.X.AsSpan(0, homes).ToArray();
        var y = w.Y.AsSpan(0, homes).ToArray();
        double sumSquares = 0;
        for (int i = 0; i < homes; i++) sumSquares += (x[i] * x[i]) + (y[i] * y[i]);
        double tol = 1e-4 * (sumSquares / homes / 2);
        var algorithm = KMeansClusterer.Choose(KMeansAlgorithm.Auto, homes, w.K);
        Console.WriteLine(string.Create(inv, $"{homes:N0} homes, k = {w.K:N0}, threads {threads}, kernel {algorithm}"));
        var seeders = new List<(string Name, Action<KMeansWork, Random> Seed)> { ("pruned", (w, r) => PrunedPlusPlus.Seed(w, r)) };
        if (a.Flag("full")) seeders.Add(("full", KMeansKernel.SeedPlusPlusFull));
        foreach (var (name, seeder) in seeders)
        {
            x.CopyTo(w.X, 0);
            y.CopyTo(w.Y, 0);
            var (seedWall, seedCpu) = Time(() => seeder(w, new Random(seed)));
            (double Inertia, int Iterations) result = default;
            var (iterWall, iterCpu) = Time(() => result = KMeansClusterer.Iterate(w, algorithm, 300, tol));
            Console.WriteLine(string.Create(inv,
                $"  {name,-7} seeding {seedWall,8:0.000} s (cpu {seedCpu,8:0.000})  iterations {iterWall,8:0.000} s (cpu {iterCpu,8:0.000})  {result.Iterations} iterations, inertia {result.Inertia:E6}"));
        }

        return 0;
    }

    private static (double Wall, double Cpu) Time(Action action)
    {
        using var p = Process.GetCurrentProcess();
        var cpu0 = p.TotalProcessorTime;
        long t0 = Stopwatch.GetTimestamp();
        action();
        p.Refresh();
        return (Stopwatch.GetElapsedTime(t0).TotalSeconds, (p.TotalProcessorTime - cpu0).TotalSeconds);
    }
}
