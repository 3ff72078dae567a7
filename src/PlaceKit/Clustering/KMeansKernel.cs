using System.Buffers;
using System.Runtime.Intrinsics;
using PlaceKit.Homes;

namespace PlaceKit.Clustering;

/// <summary>
/// The k-means kernels shared by every clusterer: nearest-centre search, greedy k-means++ seeding and the plain Lloyd
/// iterations (the reference the accelerated kernels are tested against) on one authority's centred columns.
/// </summary>
/// <remarks>
/// Every pass over the homes runs in chunks of a constant <see cref="KMeansWork.Chunk"/> homes (never derived from the
/// core count) and every sum is reduced chunk by chunk in chunk order, so the result is bit-identical whether the
/// chunks run on one thread or many.
/// </remarks>
internal static class KMeansKernel
{
    /// <summary>
    /// Smallest k for which seeding uses <see cref="PrunedPlusPlus"/> (the same greedy k-means++ with
    /// triangle-inequality pruning) instead of scoring every candidate against every home; below it plans are exactly
    /// those of the unpruned kernel. Measured on one thread (benchmarks/README.md): the unpruned SIMD rows win at
    /// k = 22 (4.2 vs 11.1 ms, 10k homes), they are even at k = 222 (100k homes), and pruning wins ten-fold at k = 2,222.
    /// </summary>
    internal const int PrunedMinClusters = 256;

    /// <summary>Squared distance from a point to the nearest centre, and that centre's index (lowest index on a tie).</summary>
    internal static int Nearest(double px, double py, ReadOnlySpan<double> cx, ReadOnlySpan<double> cy, out double bestD2)
    {
        int best = 0;
        double dx = px - cx[0], dy = py - cy[0];
        bestD2 = (dx * dx) + (dy * dy);
        for (int c = 1; c < cx.Length; c++)
        {
            dx = px - cx[c];
            dy = py - cy[c];
            double d2 = (dx * dx) + (dy * dy);
            if (d2 < bestD2)
            {
                bestD2 = d2;
                best = c;
            }
        }

        return best;
    }

    /// <summary>As <see cref="Nearest"/>, also giving the squared distance to the second-nearest centre (+∞ when k = 1).</summary>
    internal static int Nearest2(double px, double py, ReadOnlySpan<double> cx, ReadOnlySpan<double> cy, out double bestD2, out double secondD2)
    {
        int best = 0;
        double dx = px - cx[0], dy = py - cy[0];
        bestD2 = (dx * dx) + (dy * dy);
        secondD2 = double.PositiveInfinity;
        for (int c = 1; c < cx.Length; c++)
        {
            dx = px - cx[c];
            dy = py - cy[c];
            double d2 = (dx * dx) + (dy * dy);
            if (d2 < bestD2)
            {
                secondD2 = bestD2;
                bestD2 = d2;
                best = c;
            }
            else if (d2 < secondD2)
            {
                secondD2 = d2;
            }
        }

        return best;
    }

    /// <summary>
    /// Greedy k-means++ (Arthur and Vassilvitskii 2007; greedy variant as in scikit-learn): each new centre is the best,
    /// by resulting potential, of 2 + ⌊ln k⌋ candidates sampled with probability proportional to D².
    /// </summary>
    /// <remarks>
    /// O(n · k · (2 + ln k)) time; the (2 + ln k) · n candidate rows are rented from <see cref="ArrayPool{T}"/>; rows computed chunk by chunk (in parallel for a big
    /// authority) with potentials reduced in chunk order. Requires k ≤ the number of distinct locations; never picks a
    /// location twice. Draws 1 + (k - 1)(2 + ⌊ln k⌋) numbers from <paramref name="rng"/>. When k ≥
    /// <see cref="PrunedMinClusters"/> the same algorithm runs as <see cref="PrunedPlusPlus"/>, which scores a candidate only
    /// against the homes it can improve.
    /// </remarks>
    internal static void SeedPlusPlus(KMeansWork w, Random rng)
    {
        if (w.K >= PrunedMinClusters)
        {
            PrunedPlusPlus.Seed(w, rng);
            return;
        }

        SeedPlusPlusFull(w, rng);
    }

    /// <summary>Greedy k-means++ scoring every candidate against every home (see <see cref="SeedPlusPlus(KMeansWork, Random)"/>); the kernel below <see cref="PrunedMinClusters"/>.</summary>
    internal static void SeedPlusPlusFull(KMeansWork w, Random rng)
    {
        int n = w.N, k = w.K, chunks = w.Chunks;
        int trials = 2 + (int)Math.Log(k);
        var x = w.X;
        var y = w.Y;
        var closest = w.Dist;
        var chunkPot = w.ChunkSum;
        using var seed = new SeedPass(w, trials);
        int first = w.W is { } weights ? PickByWeight(weights, n, rng) : rng.Next(n);
        w.Cx[0] = x[first];
        w.Cy[0] = y[first];
        seed.Candidate[0] = first;
        seed.Init();
        double pot = 0;
        for (int ch = 0; ch < chunks; ch++) pot += chunkPot[ch];

        for (int c = 1; c < k; c++)
        {
            for (int t = 0; t < trials; t++) seed.Candidate[t] = Sample(closest, w.W, chunkPot, w.Chunk, n, rng.NextDouble() * pot);
            seed.Run(trials * chunks);
            int bestTrial = 0;
            double bestPot = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                double p = 0;
                for (int ch = 0; ch < chunks; ch++) p += seed.TrialChunkPot[(t * chunks) + ch];
                if (p < bestPot)
                {
                    bestPot = p;
                    bestTrial = t;
                }
            }

            int cand = seed.Candidate[bestTrial];
            w.Cx[c] = x[cand];
            w.Cy[c] = y[cand];
            seed.Rows.AsSpan(bestTrial * n, n).CopyTo(closest);
            seed.TrialChunkPot.AsSpan(bestTrial * chunks, chunks).CopyTo(chunkPot);
            pot = bestPot;
        }
    }

    /// <summary>Index whose cumulative weight first exceeds r (chunk totals first, then within the chunk); the last positive-weight index when rounding overshoots.</summary>
    private static int Sample(double[] weights, double[]? homeWeights, double[] chunkSum, int chunk, int n, double r)
    {
        double acc = 0;
        int lastPositive = 0;
        int chunks = chunkSum.Length;
        for (int ch = 0; ch < chunks; ch++)
        {
            if (chunkSum[ch] <= 0) continue;
            if (acc + chunkSum[ch] <= r && ch < chunks - 1)
            {
                acc += chunkSum[ch];
                continue;
            }

            int end = Math.Min(n, (ch + 1) * chunk);
            for (int i = ch * chunk; i < end; i++)
            {
                double wi = homeWeights is null ? weights[i] : homeWeights[i] * weights[i];
                if (wi <= 0) continue;
                acc += wi;
                lastPositive = i;
                if (acc > r) return i;
            }
        }

        return lastPositive;
    }

    /// <summary>
    /// The first k-means++ centre with probability proportional to weight: the index whose cumulative weight first
    /// exceeds <c>NextDouble() × total</c>. With every weight 1 this is the index <c>Next(n)</c> gives for the same draw.
    /// </summary>
    internal static int PickByWeight(double[] weights, int n, Random rng)
    {
        double total = HomeSet.Sum(weights.AsSpan(0, n));
        if (!(total > 0)) return rng.Next(n);
        double r = rng.NextDouble() * total, acc = 0;
        int lastPositive = 0;
        for (int i = 0; i < n; i++)
        {
            if (weights[i] <= 0) continue;
            acc += weights[i];
            lastPositive = i;
            if (acc > r) return i;
        }

        return lastPositive;
    }

    /// <summary>
    /// Σ weights[i] · values[i] over lo..hi-1, in the four lanes of <see cref="MinDistances"/> ((l0 + l1) + (l2 + l3), then
    /// the tail), so that with every weight 1 it is the same sum, bit for bit.
    /// </summary>
    private static double WeightedLaneSum(double[] weights, ReadOnlySpan<double> values, int lo, int hi)
    {
        int i = lo;
        double l0 = 0, l1 = 0, l2 = 0, l3 = 0;
        for (; i <= hi - 4; i += 4)
        {
            l0 += weights[i] * values[i];
            l1 += weights[i + 1] * values[i + 1];
            l2 += weights[i + 2] * values[i + 2];
            l3 += weights[i + 3] * values[i + 3];
        }

        double p = (l0 + l1) + (l2 + l3);
        for (; i < hi; i++) p += weights[i] * values[i];
        return p;
    }

    /// <summary>Greedy k-means++ on centred columns, for callers outside the per-authority run (edits, warm starts): k = <paramref name="cx"/>.Length.</summary>
    internal static void SeedPlusPlus(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> cx, Span<double> cy, Random rng)
    {
        using var w = WorkFor(x, y, cx.Length);
        SeedPlusPlus(w, rng);
        w.Cx.CopyTo(cx);
        w.Cy.CopyTo(cy);
    }

    /// <summary>
    /// Exact k-means iterations from the given centres on centred columns (the kernel the clusterer would choose for
    /// this n and k), for callers outside the per-authority run. Labels and centres are written back.
    /// </summary>
    /// <returns>The inertia and the number of iterations.</returns>
    internal static (double Inertia, int Iterations) Iterate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> cx, Span<double> cy,
        Span<int> labels, int maxIterations, double shiftTolerance)
    {
        using var w = WorkFor(x, y, cx.Length);
        cx.CopyTo(w.Cx);
        cy.CopyTo(w.Cy);
        var result = KMeansClusterer.Iterate(w, KMeansClusterer.Choose(KMeansAlgorithm.Auto, x.Length, cx.Length), maxIterations, shiftTolerance);
        w.Labels.AsSpan(0, x.Length).CopyTo(labels);
        w.Cx.CopyTo(cx);
        w.Cy.CopyTo(cy);
        return result;
    }

    private static KMeansWork WorkFor(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int k)
    {
        var w = new KMeansWork(x.Length, k, KMeansWork.DefaultChunk, null);
        x.CopyTo(w.X);
        y.CopyTo(w.Y);
        return w;
    }

    /// <summary>
    /// Lloyd iterations from the given centres until no home changes cluster, the total squared centre shift falls
    /// below <paramref name="shiftTolerance"/>, or <paramref name="maxIterations"/> passes. Empty clusters are re-seeded
    /// from the home farthest from its centre. Labels and centres are consistent on return. The reference kernel:
    /// O(n · k) per iteration.
    /// </summary>
    /// <returns>The inertia (sum of squared distances to centres) and the number of iterations.</returns>
    internal static (double Inertia, int Iterations) Lloyd(KMeansWork w, int maxIterations, double shiftTolerance)
    {
        w.Labels.AsSpan(0, w.N).Fill(-1);
        var pass = new LloydPass(w);
        int iterations = 0;
        bool settled = false;
        for (int iter = 0; iter < maxIterations; iter++)
        {
            int changes = pass.Run();
            iterations = iter + 1;
            if (iter > 0 && changes == 0)
            {
                settled = true;
                break;
            }

            double shift = w.Update(distValid: true);
            if (shift <= shiftTolerance) break;
        }

        if (!settled) pass.Run();
        return (w.SumDist(), iterations);
    }

    /// <summary>
    /// For homes lo..hi-1: output[i] = min(closest[i], squared distance to (px, py)) (no min when closest is null);
    /// returns their sum. Four lanes (<see cref="Vector256{T}"/> where the hardware has it, the same four lanes in
    /// scalar code otherwise), lane sums added as (l0 + l1) + (l2 + l3), then the tail: the same bits on any machine
    /// and any thread count.
    /// </summary>
    private static double MinDistances(double[] x, double[] y, double px, double py, int lo, int hi, double[]? closest, Span<double> output)
    {
        int i = lo;
        double l0 = 0, l1 = 0, l2 = 0, l3 = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vpx = Vector256.Create(px);
            var vpy = Vector256.Create(py);
            var acc = Vector256<double>.Zero;
            for (; i <= hi - 4; i += 4)
            {
                var dx = Vector256.Create(x.AsSpan(i, 4)) - vpx;
                var dy = Vector256.Create(y.AsSpan(i, 4)) - vpy;
                var d2 = (dx * dx) + (dy * dy);
                if (closest is not null) d2 = Vector256.Min(Vector256.Create(closest.AsSpan(i, 4)), d2);
                d2.CopyTo(output[i..]);
                acc += d2;
            }

            (l0, l1, l2, l3) = (acc.GetElement(0), acc.GetElement(1), acc.GetElement(2), acc.GetElement(3));
        }
        else
        {
            for (; i <= hi - 4; i += 4)
            {
                l0 += Lane(x, y, px, py, i, closest, output);
                l1 += Lane(x, y, px, py, i + 1, closest, output);
                l2 += Lane(x, y, px, py, i + 2, closest, output);
                l3 += Lane(x, y, px, py, i + 3, closest, output);
            }
        }

        double p = (l0 + l1) + (l2 + l3);
        for (; i < hi; i++) p += Lane(x, y, px, py, i, closest, output);
        return p;
    }

    private static double Lane(double[] x, double[] y, double px, double py, int i, double[]? closest, Span<double> output)
    {
        double dx = x[i] - px, dy = y[i] - py;
        double d2 = (dx * dx) + (dy * dy);
        if (closest is not null) d2 = Math.Min(closest[i], d2);
        output[i] = d2;
        return d2;
    }

    /// <summary>One Lloyd assignment pass, chunk by chunk; the delegate is made once per run.</summary>
    private sealed class LloydPass
    {
        private readonly KMeansWork _w;
        private readonly Action<int> _body;

        internal LloydPass(KMeansWork w)
        {
            _w = w;
            _body = Chunk;
        }

        internal int Run()
        {
            _w.ForChunks(_body);
            return _w.SumChanges();
        }

        private void Chunk(int ch)
        {
            var w = _w;
            int lo = ch * w.Chunk, hi = Math.Min(w.N, lo + w.Chunk);
            ReadOnlySpan<double> cx = w.Cx, cy = w.Cy;
            var x = w.X;
            var y = w.Y;
            var labels = w.Labels;
            var dist = w.Dist;
            int changes = 0;
            for (int i = lo; i < hi; i++)
            {
                int c = Nearest(x[i], y[i], cx, cy, out dist[i]);
                if (c != labels[i])
                {
                    labels[i] = c;
                    changes++;
                }
            }

            w.ChunkChanges[ch] = changes;
        }
    }

    /// <summary>The candidates' distance rows of one seeding step, over (trial, chunk) pairs.</summary>
    private sealed class SeedPass : IDisposable
    {
        private readonly KMeansWork _w;
        private readonly Action<int> _rowBody;
        private readonly Action<int> _initBody;

        internal SeedPass(KMeansWork w, int trials)
        {
            _w = w;
            Candidate = new int[trials];
            Rows = ArrayPool<double>.Shared.Rent(trials * w.N);
            TrialChunkPot = new double[trials * w.Chunks];
            _rowBody = Row;
            _initBody = InitChunk;
        }

        internal int[] Candidate { get; }

        internal double[] Rows { get; }

        internal double[] TrialChunkPot { get; }

        internal void Init() => _w.For(_w.Chunks, _initBody);

        public void Dispose() => ArrayPool<double>.Shared.Return(Rows);

        internal void Run(int items) => _w.For(items, _rowBody);

        private void InitChunk(int ch)
        {
            var w = _w;
            int lo = ch * w.Chunk, hi = Math.Min(w.N, lo + w.Chunk);
            double px = w.Cx[0], py = w.Cy[0];
            var closest = w.Dist;
            w.ChunkSum[ch] = MinDistances(w.X, w.Y, px, py, lo, hi, null, closest);
            if (w.W is { } weights) w.ChunkSum[ch] = WeightedLaneSum(weights, closest, lo, hi);
        }

        private void Row(int item)
        {
            var w = _w;
            int t = item / w.Chunks, ch = item % w.Chunks;
            int lo = ch * w.Chunk, hi = Math.Min(w.N, lo + w.Chunk);
            int cand = Candidate[t];
            var row = Rows.AsSpan(t * w.N, w.N);
            TrialChunkPot[item] = MinDistances(w.X, w.Y, w.X[cand], w.Y[cand], lo, hi, w.Dist, row);
            if (w.W is { } weights) TrialChunkPot[item] = WeightedLaneSum(weights, row, lo, hi);
        }
    }
}
