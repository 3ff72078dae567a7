using System.Globalization;
using PlaceKit.Homes;

namespace PlaceKit.Clustering;

/// <summary>
/// Splits each authority's homes into k = max(1, round(n / TargetSize)) clusters by k-means, capped at the number of
/// distinct locations. The default <see cref="IPlaceClusterer"/>.
/// </summary>
/// <remarks>
/// Per authority: coordinates are centred on the authority's mean (precision with British National Grid's large
/// northings), seeded by greedy k-means++, then iterated until no home changes cluster or the total squared centre
/// shift falls below <see cref="ClusteringOptions.Tolerance"/> × the authority's mean coordinate variance; empty
/// clusters are re-seeded from the farthest home. With several runs (<see cref="ClusteringOptions.Restarts"/>; by default
/// 3 for small and medium authorities, 1 for huge ones) the run with the lowest inertia wins; the runs draw one after
/// another from the authority's own random stream, so the winner does not depend on the thread count. Rounding is half away from zero (n / TargetSize = 2.5 gives 3).
/// <para>Iterations: exact kernels that all give Lloyd's labels at every iteration, chosen per authority by k
/// (<see cref="Choose(int, int)"/>): plain Lloyd for k ≤ 4 (a full scan of 4 centres costs no more than bound upkeep), Hamerly
/// (2010) above, Elkan (2003) only for k ≥ 4096 when its n·k lower bounds fit in 128 MB. In two dimensions a distance
/// costs two multiplies, so Elkan's k bounds per home cost more to keep than they save: measured on one thread,
/// Hamerly beat Elkan by 1.8x at k = 22, 2.7x at k = 222 and 1.5x at k = 1,000 (benchmarks/README.md).</para>
/// <para>Cost: O(n · k) per Lloyd iteration, O(n + k²) plus O(k) per home whose bounds fail for Hamerly; O(n + k)
/// extra memory. Authorities run in parallel, biggest first; an authority bigger than one chunk (16,384 homes) also
/// runs its passes over chunks in parallel.</para>
/// <para>Determinism: each authority draws from its own <see cref="Random"/> seeded from the plan seed and an FNV-1a
/// hash of its code, and writes only its own slice; inside an authority the chunk size is a constant and per-chunk
/// sums are reduced in chunk order, so the result is identical whatever the thread count.</para>
/// <para>Weights (<see cref="ClusteringOptions.SizeBy"/> = weight): k = max(1, round(total weight / TargetSize)); k-means
/// minimises the weighted inertia, as scikit-learn's <c>sample_weight</c>: each centre is the weighted mean of its homes
/// (a cluster whose homes all weigh 0 keeps its centre), and k-means++ draws the first centre with probability
/// proportional to weight and the next ones proportional to weight × D². With integer
/// weights this is k-means on the homes repeated weight times; with every weight 1 it is the unweighted run bit for bit.
/// Radius splitting and warm-start seeding stay unweighted (geometric rules).</para>
/// <para>From a <see cref="ClusterStart"/> (a re-run) the iterations are anchored (a home leaves the cluster of its
/// start centre only for a centre nearer by more than twice the distance the tolerance leaves a centre undetermined;
/// see <see cref="ClusterStart"/>), so a warm run's labels are not always each home's nearest centre; with a tolerance
/// of 0 they are.</para>
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
    public ClusterAssignment Cluster(HomeSet homes, ClusteringOptions options, RunContext context, ClusterStart? start = null)
    {
        ArgumentNullException.ThrowIfNull(homes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return AuthorityRunner.Run(homes, options, context, start, RunAuthority);
    }

    /// <summary>The k rule: max(1, round(n / targetSize)) rounded half away from zero, capped at the distinct locations.</summary>
    /// <param name="homes">Homes in the authority.</param>
    /// <param name="targetSize">The target cluster size.</param>
    /// <param name="distinctLocations">Distinct coordinates among the homes.</param>
    /// <returns>k.</returns>
    public static int ClusterCount(int homes, int targetSize, int distinctLocations) => ClusterCount((double)homes, targetSize, distinctLocations);

    /// <summary>The k rule on a size that may be a total weight: max(1, round(size / targetSize)), capped at the distinct locations.</summary>
    internal static int ClusterCount(double size, int targetSize, int distinctLocations)
    {
        double ratio = Math.Round(size / targetSize, MidpointRounding.AwayFromZero);
        int k = ratio >= int.MaxValue ? int.MaxValue : Math.Max(1, (int)ratio);
        return Math.Max(1, Math.Min(k, distinctLocations));
    }

    private AuthorityRun RunAuthority(AuthorityInput input, ClusteringOptions c, RunContext context)
    {
        int n = input.Count;
        double mass = input.Mass;
        int wanted = ClusterCount(mass, c.TargetSize, int.MaxValue);
        int k = ClusterCount(mass, c.TargetSize, input.Distinct);
        string note = k < wanted
            ? $"k capped at {k.ToString(CultureInfo.InvariantCulture)} distinct locations (rule gave {wanted.ToString(CultureInfo.InvariantCulture)})"
            : "";
        var parallel = Parallelism.Options(context.MaxDegreeOfParallelism);
        var (labels, cx, cy, inertia, iterations) = Run(input.X, input.Y, k, input.SumSquares, c, input.Rng, Choose(n, k), _chunk, parallel, input.StartX, input.StartY, input.W,
            automaticRuns: true);
        return new AuthorityRun(labels, cx, cy, inertia, iterations, note);
    }

    /// <summary>
    /// k-means on one authority's centred columns: <see cref="ClusteringOptions.Restarts"/> runs of k-means++ then the
    /// given exact kernel, lowest inertia wins; or, with start centres (centred coordinates), one run seeded from them
    /// (<see cref="StartCentres"/>). Centres are returned in the centred coordinates. Requires 1 ≤ k ≤ the distinct
    /// locations. Shared by every clusterer (size-constrained first pass, radius splitting). <paramref name="automaticRuns"/>:
    /// an unset <see cref="ClusteringOptions.Restarts"/> means <see cref="ClusteringOptions.RunsFor"/> (the k-means
    /// clusterer's own cold runs); otherwise unset means one run, as before (the size-constrained first pass and the
    /// radius bisections, whose re-run stability was tuned with one run).
    /// </summary>
    internal static (int[] Labels, double[] CentreX, double[] CentreY, double Inertia, int Iterations) Run(
        ReadOnlySpan<double> x, ReadOnlySpan<double> y, int k, double sumSquares, ClusteringOptions c, Random rng,
        KMeansAlgorithm algorithm, int chunk, ParallelOptions? parallel, double[]? startX = null, double[]? startY = null, double[]? weights = null,
        bool automaticRuns = false)
    {
        int n = x.Length;
        double mass = weights is null ? n : HomeSet.Sum(weights);
        double shiftTolerance = c.Tolerance * (sumSquares / (mass > 0 ? mass : n) / 2);
        using var w = new KMeansWork(n, k, chunk, parallel) { W = weights };
        x.CopyTo(w.X);
        y.CopyTo(w.Y);
        var bestLabels = new int[n];
        double[] bestX = new double[k], bestY = new double[k];
        double bestInertia = double.PositiveInfinity;
        int bestIterations = 0;
        int runs = startX is not null ? 1 : automaticRuns ? c.RunsFor(n, k) : c.Restarts ?? 1;
        for (int r = 0; r < runs; r++)
        {
            if (startX is null) KMeansKernel.SeedPlusPlus(w, rng);
            else StartCentres.Seed(x, y, startX, startY!, w.Cx, w.Cy, rng);

            // From start centres with a tolerance: anchored iterations (KMeansAnchored), so that a re-run does not finish a
            // descent the previous run had paused on; with tolerance 0, or cold, the exact kernel.
            var (inertia, iterations) = startX is not null && shiftTolerance > 0
                ? KMeansAnchored.Run(w, c.MaxIterations, shiftTolerance)
                : Iterate(w, algorithm, c.MaxIterations, shiftTolerance);
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                bestIterations = iterations;
                w.Labels.AsSpan(0, n).CopyTo(bestLabels);
                w.Cx.CopyTo(bestX, 0);
                w.Cy.CopyTo(bestY, 0);
            }
        }

        return (bestLabels, bestX, bestY, bestInertia, bestIterations);
    }

    /// <summary>The kernel for one authority: the forced one, else Elkan for large k when its n·k bounds fit, else Hamerly.</summary>
    internal KMeansAlgorithm Choose(int n, int k) => Choose(_algorithm, n, k);

    /// <summary>The automatic kernel choice (see the class remarks), unless one is forced.</summary>
    internal static KMeansAlgorithm Choose(KMeansAlgorithm forced, int n, int k)
    {
        if (forced != KMeansAlgorithm.Auto) return forced;
        if (k <= LloydMaxClusters) return KMeansAlgorithm.Lloyd;
        return k >= ElkanMinClusters && (long)n * k <= ElkanMaxBounds ? KMeansAlgorithm.Elkan : KMeansAlgorithm.Hamerly;
    }

    /// <summary>Exact k-means iterations from the work's current centres with the given kernel (all give Lloyd's labels).</summary>
    internal static (double Inertia, int Iterations) Iterate(KMeansWork w, KMeansAlgorithm algorithm, int maxIterations, double shiftTolerance) =>
        algorithm switch
        {
            KMeansAlgorithm.Lloyd => KMeansKernel.Lloyd(w, maxIterations, shiftTolerance),
            KMeansAlgorithm.Elkan => KMeansElkan.Run(w, maxIterations, shiftTolerance),
            _ => KMeansHamerly.Run(w, maxIterations, shiftTolerance),
        };
}
