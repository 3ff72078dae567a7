using System.Globalization;
using PlaceKit.Homes;

namespace PlaceKit.Clustering;

/// <summary>
/// Splits each authority's homes into clusters of between <see cref="ClusteringOptions.MinSize"/> and
/// <see cref="ClusteringOptions.MaxSize"/> homes by size-constrained k-means (Bradley, Bennett and Demiriz 2000).
/// </summary>
/// <remarks>
/// <para>Per authority: k from the same rule as <see cref="KMeansClusterer"/>, moved into [⌈n / max⌉, ⌊n / min⌋] so the
/// bounds can hold; first pass plain k-means (k-means++, or the <see cref="ClusterStart"/> centres, then Lloyd); then alternate an exact assignment step (a
/// transportation problem, min-cost flow: every cluster gets between min and max homes and the total squared distance
/// is least) and a centre update, until no home changes cluster, the centres stop moving (the
/// <see cref="ClusteringOptions.Tolerance"/> rule), the cost stops falling, or <see cref="ClusteringOptions.MaxIterations"/>.
/// Each home may join one of its 8 nearest centres (widened to 16, 32, ... k when that cannot meet the bounds).</para>
/// <para>When an authority cannot meet the bounds it is not an error: fewer homes than the minimum give one cluster;
/// bounds that no k satisfies relax the minimum; k capped at the distinct locations relaxes the maximum. Each case is
/// said in <see cref="AuthorityClustering.Note"/>. Every home is assigned.</para>
/// <para>Cost per iteration: O(n·k) to find candidates plus O(n·8·log n) and O(k·8) per home moved by the flow;
/// memory O(n·8 + k) per authority, never n×n. Authorities run in parallel, biggest first; each draws from its own
/// seeded <see cref="Random"/>, so the result is identical at any thread count. Thread-safe: holds no state.</para>
/// </remarks>
public sealed class SizeConstrainedClusterer : IPlaceClusterer
{
    /// <summary>Candidate centres per home in the assignment step, before widening.</summary>
    internal const int Candidates = 8;

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

    /// <summary>The size bounds in force: <see cref="ClusteringOptions.MinSize"/> and <see cref="ClusteringOptions.MaxSize"/>, or their defaults.</summary>
    /// <param name="options">The clustering options.</param>
    /// <returns>Min = MinSize ?? max(1, ⌊TargetSize / 2⌋); Max = MaxSize ?? 2 × TargetSize.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static (int Min, int Max) SizeBounds(ClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (options.MinSize ?? Math.Max(1, options.TargetSize / 2), options.MaxSize ?? (int)Math.Min(int.MaxValue, 2L * options.TargetSize));
    }

    private static AuthorityRun RunAuthority(AuthorityInput input, ClusteringOptions c, RunContext context)
    {
        int n = input.Count;
        var (lo, hi) = SizeBounds(c);
        var inv = CultureInfo.InvariantCulture;
        string note = "";
        int k;
        if (n < lo)
        {
            k = 1;
            note = string.Create(inv, $"{n} homes < min size {lo}: one cluster below the minimum");
        }
        else
        {
            int wanted = KMeansClusterer.ClusterCount(n, c.TargetSize, int.MaxValue);
            int kMin = (int)(((long)n + hi - 1) / hi), kMax = n / lo;
            if (kMin <= kMax)
            {
                k = Math.Clamp(wanted, kMin, kMax);
                if (k != wanted) note = string.Create(inv, $"k {wanted} -> {k} so that {lo} x k <= {n} homes <= {hi} x k");
            }
            else
            {
                k = kMin;
                lo = n / k;
                note = string.Create(inv, $"no k fits {n} homes in sizes {SizeBounds(c).Min}-{hi}: k = {k}, min relaxed to {lo}");
            }

            if (k > input.Distinct)
            {
                k = input.Distinct;
                int relaxed = Math.Max(hi, (int)(((long)n + k - 1) / k));
                note = Join(note, relaxed == hi
                    ? string.Create(inv, $"k capped at {k} distinct locations")
                    : string.Create(inv, $"k capped at {k} distinct locations: max relaxed to {relaxed}"));
                hi = relaxed;
            }
        }

        if (k == 1) return new AuthorityRun(new int[n], [0.0], [0.0], input.SumSquares, 0, note);

        var (labels, cx, cy, _, warmIterations) = AuthorityRunner.KMeans(input.X, input.Y, k, input.SumSquares, c, input.Rng, input.StartX, input.StartY);

        var solver = new SizeBoundedAssignment(input.X, input.Y);
        var next = new int[n];
        int candidates = Math.Min(k, Candidates);
        double shiftTolerance = c.Tolerance * (input.SumSquares / n / 2);
        double previousCost = double.PositiveInfinity;
        int iterations = 0;
        var count = new int[k];
        for (int it = 0; it < c.MaxIterations; it++)
        {
            while (!solver.Assign(cx, cy, lo, hi, candidates, next))
            {
                if (candidates == k) throw new InvalidOperationException($"Authority {input.Code}: sizes {lo}-{hi} unreachable with k = {k}, n = {n}.");
                candidates = Math.Min(k, candidates * 2);
            }

            iterations = it + 1;
            double cost = Cost(input.X, input.Y, next, cx, cy);
            bool same = next.AsSpan().SequenceEqual(labels);
            (labels, next) = (next, labels);
            if (same) break;
            double shift = UpdateCentres(input.X, input.Y, labels, cx, cy, count);
            if (shift <= shiftTolerance || !(cost < previousCost)) break;
            previousCost = cost;
        }

        UpdateCentres(input.X, input.Y, labels, cx, cy, count);
        return new AuthorityRun(labels, cx, cy, Cost(input.X, input.Y, labels, cx, cy), warmIterations + iterations, note);
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;

    private static double Cost(double[] x, double[] y, int[] labels, double[] cx, double[] cy)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - cx[labels[i]], dy = y[i] - cy[labels[i]];
            sum += (dx * dx) + (dy * dy);
        }

        return sum;
    }

    /// <summary>Moves each non-empty cluster's centre to its mean; returns the total squared shift.</summary>
    private static double UpdateCentres(double[] x, double[] y, int[] labels, double[] cx, double[] cy, int[] count)
    {
        int k = cx.Length;
        var sx = new double[k];
        var sy = new double[k];
        Array.Clear(count);
        for (int i = 0; i < x.Length; i++)
        {
            count[labels[i]]++;
            sx[labels[i]] += x[i];
            sy[labels[i]] += y[i];
        }

        double shift = 0;
        for (int j = 0; j < k; j++)
        {
            if (count[j] == 0) continue;
            double nx = sx[j] / count[j], ny = sy[j] / count[j];
            shift += ((nx - cx[j]) * (nx - cx[j])) + ((ny - cy[j]) * (ny - cy[j]));
            cx[j] = nx;
            cy[j] = ny;
        }

        return shift;
    }
}
