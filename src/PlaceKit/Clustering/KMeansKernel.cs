namespace PlaceKit.Clustering;

/// <summary>
/// The k-means kernels shared by every clusterer: greedy k-means++ seeding, nearest-centre search and Lloyd iterations
/// on one authority's columns. Inputs are centred on the authority's mean so squares keep their precision.
/// </summary>
internal static class KMeansKernel
{
    /// <summary>Squared distance from a point to the nearest centre, and that centre's index.</summary>
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

    /// <summary>
    /// Greedy k-means++ (Arthur and Vassilvitskii 2007; greedy variant as in scikit-learn): each new centre is the best,
    /// by resulting potential, of 2 + ⌊ln k⌋ candidates sampled with probability proportional to D².
    /// </summary>
    /// <remarks>O(n · k · (2 + ln k)) time. Requires k ≤ the number of distinct locations; never picks a location twice.</remarks>
    internal static void SeedPlusPlus(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> cx, Span<double> cy, Random rng)
    {
        int n = x.Length, k = cx.Length;
        int trials = 2 + (int)Math.Log(k);
        var closest = new double[n];
        var trial = new double[trials * n];
        int first = rng.Next(n);
        cx[0] = x[first];
        cy[0] = y[first];
        double pot = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - cx[0], dy = y[i] - cy[0];
            closest[i] = (dx * dx) + (dy * dy);
            pot += closest[i];
        }

        for (int c = 1; c < k; c++)
        {
            int bestTrial = -1, bestCandidate = -1;
            double bestPot = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                int cand = Sample(closest, rng.NextDouble() * pot);
                var row = trial.AsSpan(t * n, n);
                double px = x[cand], py = y[cand], p = 0;
                for (int i = 0; i < n; i++)
                {
                    double dx = x[i] - px, dy = y[i] - py;
                    double d2 = Math.Min(closest[i], (dx * dx) + (dy * dy));
                    row[i] = d2;
                    p += d2;
                }

                if (p < bestPot)
                {
                    (bestPot, bestTrial, bestCandidate) = (p, t, cand);
                }
            }

            cx[c] = x[bestCandidate];
            cy[c] = y[bestCandidate];
            trial.AsSpan(bestTrial * n, n).CopyTo(closest);
            pot = bestPot;
        }
    }

    /// <summary>Index whose cumulative weight first exceeds r; the last positive-weight index when rounding overshoots.</summary>
    private static int Sample(ReadOnlySpan<double> weights, double r)
    {
        double acc = 0;
        int lastPositive = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0) continue;
            acc += weights[i];
            lastPositive = i;
            if (acc > r) return i;
        }

        return lastPositive;
    }

    /// <summary>
    /// Lloyd iterations from the given centres until no home changes cluster, the total squared centre shift falls
    /// below <paramref name="shiftTolerance"/>, or <paramref name="maxIterations"/> passes. Empty clusters are re-seeded
    /// from the home farthest from its centre. Labels and centres are consistent on return.
    /// </summary>
    /// <returns>The inertia (sum of squared distances to centres) and the number of iterations.</returns>
    internal static (double Inertia, int Iterations) Lloyd(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> cx, Span<double> cy,
        Span<int> labels, int maxIterations, double shiftTolerance)
    {
        int n = x.Length, k = cx.Length;
        var dist = new double[n];
        var count = new int[k];
        var sx = new double[k];
        var sy = new double[k];
        labels.Fill(-1);
        int iterations = 0;
        bool settled = false;
        for (int iter = 0; iter < maxIterations; iter++)
        {
            int changes = Assign(x, y, cx, cy, labels, dist);
            iterations = iter + 1;
            if (iter > 0 && changes == 0)
            {
                settled = true;
                break;
            }

            double shift = Update(x, y, cx, cy, labels, dist, count, sx, sy);
            if (shift <= shiftTolerance) break;
        }

        if (!settled) Assign(x, y, cx, cy, labels, dist);
        double inertia = 0;
        for (int i = 0; i < n; i++) inertia += dist[i];
        return (inertia, iterations);
    }

    private static int Assign(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> cx, ReadOnlySpan<double> cy, Span<int> labels, Span<double> dist)
    {
        int changes = 0;
        for (int i = 0; i < x.Length; i++)
        {
            int c = Nearest(x[i], y[i], cx, cy, out dist[i]);
            if (c != labels[i])
            {
                labels[i] = c;
                changes++;
            }
        }

        return changes;
    }

    /// <summary>Moves each centre to the mean of its homes; returns the total squared shift.</summary>
    private static double Update(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> cx, Span<double> cy, Span<int> labels, Span<double> dist,
        Span<int> count, Span<double> sx, Span<double> sy)
    {
        int k = cx.Length;
        count.Clear();
        sx.Clear();
        sy.Clear();
        for (int i = 0; i < x.Length; i++)
        {
            int c = labels[i];
            count[c]++;
            sx[c] += x[i];
            sy[c] += y[i];
        }

        for (int c = 0; c < k; c++)
        {
            if (count[c] > 0) continue;

            // Empty cluster: re-seed it from the home farthest from its centre, taken from a cluster that can spare it.
            int far = -1;
            double farD2 = -1;
            for (int i = 0; i < x.Length; i++)
            {
                if (dist[i] > farD2 && count[labels[i]] > 1)
                {
                    farD2 = dist[i];
                    far = i;
                }
            }

            if (far < 0) continue;
            int from = labels[far];
            count[from]--;
            sx[from] -= x[far];
            sy[from] -= y[far];
            labels[far] = c;
            count[c] = 1;
            sx[c] = x[far];
            sy[c] = y[far];
            dist[far] = 0;
        }

        double shift = 0;
        for (int c = 0; c < k; c++)
        {
            if (count[c] == 0) continue;
            double nx = sx[c] / count[c], ny = sy[c] / count[c];
            double dx = nx - cx[c], dy = ny - cy[c];
            shift += (dx * dx) + (dy * dy);
            cx[c] = nx;
            cy[c] = ny;
        }

        return shift;
    }
}
