using System.Globalization;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Clustering;

/// <summary>
/// Splits each authority's homes into k = max(1, round(n / TargetSize)) clusters by k-means, capped at the number of
/// distinct locations. The default <see cref="IPlaceClusterer"/>.
/// </summary>
/// <remarks>
/// Per authority: coordinates are centred on the authority's mean (precision with British National Grid's large
/// northings), seeded by greedy k-means++, then iterated until no home changes cluster or the total squared centre
/// shift falls below <see cref="ClusteringOptions.Tolerance"/> × the authority's mean coordinate variance; empty
/// clusters are re-seeded from the farthest home. With <see cref="ClusteringOptions.Restarts"/> &gt; 1 the run with the
/// lowest inertia wins. Rounding is half away from zero (n / TargetSize = 2.5 gives 3).
/// <para>Iterations: exact kernels that all give Lloyd's labels at every iteration, chosen per authority by k
/// (<see cref="Choose"/>): plain Lloyd for k ≤ 4 (a full scan of 4 centres costs no more than bound upkeep), Hamerly
/// (2010) above, Elkan (2003) only for k ≥ 4096 when its n·k lower bounds fit in 128 MB. In two dimensions a distance
/// costs two multiplies, so Elkan's k bounds per home cost more to keep than they save: measured on one thread,
/// Hamerly beat Elkan by 1.8x at k = 22, 2.7x at k = 222 and 1.5x at k = 1,000 (benchmarks/README.md).</para>
/// <para>Cost: O(n · k) per Lloyd iteration, O(n + k²) plus O(k) per home whose bounds fail for Hamerly; O(n + k)
/// extra memory. Authorities run in parallel, biggest first; an authority bigger than one chunk (16,384 homes) also
/// runs its passes over chunks in parallel.</para>
/// <para>Determinism: each authority draws from its own <see cref="Random"/> seeded from the plan seed and an FNV-1a
/// hash of its code, and writes only its own slice; inside an authority the chunk size is a constant and per-chunk
/// sums are reduced in chunk order, so the result is identical whatever the thread count.</para>
/// <para>Thread-safe: holds no state.</para>
/// </remarks>
public sealed class KMeansClusterer : IPlaceClusterer
{
    /// <summary>Largest k for which an authority uses plain Lloyd: with so few centres a full scan costs no more than Hamerly's bound checks.</summary>
    internal const int LloydMaxClusters = 4;

    /// <summary>Smallest k for which an authority uses Elkan rather than Hamerly (see the remarks of the class).</summary>
    internal const int ElkanMinClusters = 4096;

    /// <summary>Most per-home lower bounds (n · k doubles) Elkan may hold for one authority: 16 M, 128 MB.</summary>
    internal const long ElkanMaxBounds = 16L << 20;

    private readonly KMeansAlgorithm _algorithm;
    private readonly int _chunk;

    /// <summary>Creates the clusterer (accelerated exact k-means, the kernel chosen per authority).</summary>
    public KMeansClusterer()
        : this(KMeansAlgorithm.Auto, KMeansWork.DefaultChunk)
    {
    }

    /// <summary>Creates a clusterer with a forced kernel and chunk size (benchmarks and tests; results never depend on the chunk size's relation to cores).</summary>
    internal KMeansClusterer(KMeansAlgorithm algorithm, int chunk = KMeansWork.DefaultChunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        _algorithm = algorithm;
        _chunk = chunk;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public ClusterAssignment Cluster(HomeSet homes, PlaceKitOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(homes);
        ArgumentNullException.ThrowIfNull(options);
        var partition = AuthorityPartition.Create(homes);
        int authorities = partition.Order.Length;
        var runs = new AuthorityRun[authorities];

        // Biggest authorities first, for load balance; each run writes only runs[pos].
        var schedule = new int[authorities];
        for (int p = 0; p < authorities; p++) schedule[p] = p;
        Array.Sort(schedule, (p, q) =>
        {
            int byCount = partition.HomesOf(partition.Order[q]).Length.CompareTo(partition.HomesOf(partition.Order[p]).Length);
            return byCount != 0 ? byCount : p.CompareTo(q);
        });
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.ForEach(schedule, parallel, pos =>
        {
            int a = partition.Order[pos];
            runs[pos] = RunAuthority(homes, partition.HomesOf(a), homes.Authorities[a], options);
        });

        return Assemble(homes, partition, runs);
    }

    /// <summary>The k rule: max(1, round(n / targetSize)) rounded half away from zero, capped at the distinct locations.</summary>
    /// <param name="homes">Homes in the authority.</param>
    /// <param name="targetSize">The target cluster size.</param>
    /// <param name="distinctLocations">Distinct coordinates among the homes.</param>
    /// <returns>k.</returns>
    public static int ClusterCount(int homes, int targetSize, int distinctLocations)
    {
        int k = Math.Max(1, (int)Math.Round((double)homes / targetSize, MidpointRounding.AwayFromZero));
        return Math.Max(1, Math.Min(k, distinctLocations));
    }

    private AuthorityRun RunAuthority(HomeSet homes, ReadOnlySpan<int> members, string code, PlaceKitOptions options)
    {
        int n = members.Length;
        var hx = homes.X;
        var hy = homes.Y;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += hx[members[i]];
            my += hy[members[i]];
        }

        mx /= n;
        my /= n;
        var cx0 = new double[n];
        var cy0 = new double[n];
        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            cx0[i] = hx[members[i]] - mx;
            cy0[i] = hy[members[i]] - my;
            variance += (cx0[i] * cx0[i]) + (cy0[i] * cy0[i]);
        }

        int distinct = DistinctLocations(cx0, cy0);
        var c = options.Clustering;
        int wanted = Math.Max(1, (int)Math.Round((double)n / c.TargetSize, MidpointRounding.AwayFromZero));
        int k = ClusterCount(n, c.TargetSize, distinct);
        string note = k < wanted
            ? $"k capped at {k.ToString(CultureInfo.InvariantCulture)} distinct locations (rule gave {wanted.ToString(CultureInfo.InvariantCulture)})"
            : "";
        double shiftTolerance = c.Tolerance * (variance / n / 2);
        var rng = new Random(StableSeed.For(options.Seed, code));
        var algorithm = Choose(n, k);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };

        using var w = new KMeansWork(n, k, _chunk, parallel);
        cx0.CopyTo(w.X, 0);
        cy0.CopyTo(w.Y, 0);
        var bestLabels = new int[n];
        double[] bestX = new double[k], bestY = new double[k];
        double bestInertia = double.PositiveInfinity;
        int bestIterations = 0;
        for (int r = 0; r < c.Restarts; r++)
        {
            KMeansKernel.SeedPlusPlus(w, rng);
            var (inertia, iterations) = algorithm switch
            {
                KMeansAlgorithm.Lloyd => KMeansKernel.Lloyd(w, c.MaxIterations, shiftTolerance),
                KMeansAlgorithm.Elkan => KMeansElkan.Run(w, c.MaxIterations, shiftTolerance),
                _ => KMeansHamerly.Run(w, c.MaxIterations, shiftTolerance),
            };
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                bestIterations = iterations;
                w.Labels.AsSpan(0, n).CopyTo(bestLabels);
                w.Cx.CopyTo(bestX, 0);
                w.Cy.CopyTo(bestY, 0);
            }
        }

        for (int j = 0; j < k; j++)
        {
            bestX[j] += mx;
            bestY[j] += my;
        }

        return new AuthorityRun(code, bestLabels, bestX, bestY, bestInertia, bestIterations, distinct, note);
    }

    /// <summary>The kernel for one authority: the forced one, else Elkan for large k when its n·k bounds fit, else Hamerly.</summary>
    internal KMeansAlgorithm Choose(int n, int k)
    {
        if (_algorithm != KMeansAlgorithm.Auto) return _algorithm;
        if (k <= LloydMaxClusters) return KMeansAlgorithm.Lloyd;
        return k >= ElkanMinClusters && (long)n * k <= ElkanMaxBounds ? KMeansAlgorithm.Elkan : KMeansAlgorithm.Hamerly;
    }

    internal static int DistinctLocations(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var seen = new HashSet<(double, double)>(x.Length);
        for (int i = 0; i < x.Length; i++) seen.Add((x[i], y[i]));
        return seen.Count;
    }

    private static ClusterAssignment Assemble(HomeSet homes, AuthorityPartition partition, AuthorityRun[] runs)
    {
        int total = 0;
        foreach (var r in runs) total += r.CentreX.Length;
        var clusterOfHome = new int[homes.Count];
        var authorityOfCluster = new int[total];
        var centreX = new double[total];
        var centreY = new double[total];
        var details = new AuthorityClustering[runs.Length];
        int next = 1;
        for (int pos = 0; pos < runs.Length; pos++)
        {
            int a = partition.Order[pos];
            var run = runs[pos];
            var members = partition.HomesOf(a);
            for (int i = 0; i < members.Length; i++) clusterOfHome[members[i]] = next + run.Labels[i];
            int k = run.CentreX.Length;
            authorityOfCluster.AsSpan(next - 1, k).Fill(a);
            run.CentreX.CopyTo(centreX, next - 1);
            run.CentreY.CopyTo(centreY, next - 1);
            details[pos] = new AuthorityClustering(run.Code, members.Length, run.Distinct, k, next, run.Inertia, run.Iterations, run.Note);
            next += k;
        }

        return new ClusterAssignment(clusterOfHome, authorityOfCluster, centreX, centreY, details);
    }

    private sealed record AuthorityRun(string Code, int[] Labels, double[] CentreX, double[] CentreY, double Inertia, int Iterations, int Distinct, string Note);
}
