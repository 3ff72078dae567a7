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
/// <para>Sized by weight (<see cref="ClusteringOptions.SizeBy"/> = <see cref="SizeBy.Weight"/>, homes with weights): the bounds
/// hold on each cluster's weight sum, k comes from the total weight, centres are weighted means, and the assignment step
/// solves the fractional problem (homes split by weight) as a min-cost flow, then rounds the few split homes and repairs
/// the bounds with whole homes (see <c>WeightedSizeBoundedAssignment</c>; a home is never split). Clusters whole homes
/// cannot pack within the bounds are named in the note. Weights all 1 run exactly the unweighted method.</para>
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
        if (input.W is { } weights && !AllOnes(weights)) return RunWeighted(input, weights, c);
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

    private static bool AllOnes(double[] w)
    {
        foreach (double v in w) if (v != 1) return false;
        return true;
    }

    /// <summary>
    /// Sizes by weight: k from the total weight, moved into [⌈W / max⌉, ⌊W / min⌋]; weighted k-means first, then the
    /// weighted assignment step (<see cref="WeightedSizeBoundedAssignment"/>: fractional flow, rounding, repair) and a
    /// weighted centre update, alternated as in the unweighted case.
    /// </summary>
    private static AuthorityRun RunWeighted(AuthorityInput input, double[] w, ClusteringOptions c)
    {
        int n = input.Count;
        var (lo0, hi0) = SizeBounds(c);
        double lo = lo0, hi = hi0;
        double total = HomeSet.Sum(w);
        var inv = CultureInfo.InvariantCulture;
        string note = "";
        int k;
        if (total < lo)
        {
            k = 1;
            note = string.Create(inv, $"weight {total:0.##} < min size {lo0}: one cluster below the minimum");
        }
        else
        {
            int wanted = KMeansClusterer.ClusterCount(total, c.TargetSize, int.MaxValue);
            int kMin = (int)Math.Max(1, Math.Ceiling(total / hi - 1e-9)), kMax = (int)Math.Floor(total / lo + 1e-9);
            if (kMin <= kMax)
            {
                k = Math.Clamp(wanted, kMin, kMax);
                if (k != wanted) note = string.Create(inv, $"k {wanted} -> {k} so that {lo0} x k <= weight {total:0.##} <= {hi0} x k");
            }
            else
            {
                k = kMin;
                lo = Math.Floor(total / k);
                note = string.Create(inv, $"no k fits weight {total:0.##} in sizes {lo0}-{hi0}: k = {k}, min relaxed to {lo:0.##}");
            }

            int positive = 0;
            foreach (double v in w) if (v > 0) positive++;
            int cap = Math.Max(1, Math.Min(input.Distinct, positive));
            if (k > cap)
            {
                k = cap;
                double relaxed = Math.Max(hi, Math.Ceiling(total / k));
                note = Join(note, relaxed == hi
                    ? string.Create(inv, $"k capped at {k} distinct locations")
                    : string.Create(inv, $"k capped at {k} distinct locations: max relaxed to {relaxed:0.##}"));
                hi = relaxed;
            }
        }

        if (k == 1) return new AuthorityRun(new int[n], [0.0], [0.0], input.SumSquares, 0, note);

        var (labels, cx, cy, _, warmIterations) = KMeansClusterer.Run(input.X, input.Y, k, input.SumSquares, c, input.Rng,
            KMeansClusterer.Choose(KMeansAlgorithm.Auto, n, k), KMeansWork.DefaultChunk, null, input.StartX, input.StartY, w);
        var solver = new WeightedSizeBoundedAssignment(input.X, input.Y, w);
        var next = new int[n];
        int candidates = Math.Min(k, Candidates);
        double shiftTolerance = c.Tolerance * (input.SumSquares / total / 2);
        double previousCost = double.PositiveInfinity;
        int iterations = 0;
        for (int it = 0; it < c.MaxIterations; it++)
        {
            while (!solver.Assign(cx, cy, lo, hi, candidates, next))
            {
                if (candidates == k) throw new InvalidOperationException($"Authority {input.Code}: weights {lo}-{hi} unreachable with k = {k}, n = {n}.");
                candidates = Math.Min(k, candidates * 2);
            }

            WeightedBoundsStats.Add(solver);
            iterations = it + 1;
            double cost = solver.RoundedCost;
            bool same = next.AsSpan().SequenceEqual(labels);
            (labels, next) = (next, labels);
            if (same) break;
            double shift = UpdateCentres(input.X, input.Y, labels, cx, cy, w);
            if (shift <= shiftTolerance || !(cost < previousCost)) break;
            previousCost = cost;
        }

        UpdateCentres(input.X, input.Y, labels, cx, cy, w);
        WeightedBoundsStats.AddFinal(solver.Outside, k);
        if (solver.Outside > 0)
        {
            note = Join(note, string.Create(inv, $"{solver.Outside} of {k} clusters outside weight {lo:0.##}-{hi:0.##}: whole homes cannot pack them"));
        }

        return new AuthorityRun(labels, cx, cy, Cost(input.X, input.Y, labels, cx, cy, w), warmIterations + iterations, note);
    }

    private static double Cost(double[] x, double[] y, int[] labels, double[] cx, double[] cy, double[] w)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - cx[labels[i]], dy = y[i] - cy[labels[i]];
            sum += w[i] * ((dx * dx) + (dy * dy));
        }

        return sum;
    }

    /// <summary>Moves each cluster of positive weight to its weighted mean; returns the total squared shift.</summary>
    private static double UpdateCentres(double[] x, double[] y, int[] labels, double[] cx, double[] cy, double[] w)
    {
        int k = cx.Length;
        var sx = new double[k];
        var sy = new double[k];
        var sw = new double[k];
        for (int i = 0; i < x.Length; i++)
        {
            sw[labels[i]] += w[i];
            sx[labels[i]] += w[i] * x[i];
            sy[labels[i]] += w[i] * y[i];
        }

        double shift = 0;
        for (int j = 0; j < k; j++)
        {
            if (!(sw[j] > 0)) continue;
            double nx = sx[j] / sw[j], ny = sy[j] / sw[j];
            shift += ((nx - cx[j]) * (nx - cx[j])) + ((ny - cy[j]) * (ny - cy[j]));
            cx[j] = nx;
            cy[j] = ny;
        }

        return shift;
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
