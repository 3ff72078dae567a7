using System.Globalization;

namespace PlaceKit.Clustering;

/// <summary>
/// Splits every cluster whose r90 exceeds <see cref="ClusteringOptions.MaxRadiusMeters"/> into tighter pieces, so a
/// spread-out rural cluster becomes several candidates instead of one huge one.
/// </summary>
/// <remarks>
/// A cluster over the limit is bisected by k-means (k = 2: k-means++ then Lloyd, through <see cref="KMeansKernel"/>);
/// each half is checked again, until every piece is within the limit or sits on one location. Bisection rather than
/// k = ⌈(r90 / limit)²⌉ in one go: two tight towns far apart become two pieces, not a dozen.
/// r90 is measured as the scorer does (distance from the mean, nearest-rank 90th percentile). Pieces are numbered in
/// the order of their parent cluster, depth first, drawing from the authority's own random stream: deterministic.
/// Cost: O(m · iterations) per bisection of m homes, O(m log m) per split cluster; O(n) extra memory.
/// </remarks>
internal static class RadiusSplitter
{
    internal static AuthorityRun Split(AuthorityInput input, AuthorityRun run, double limit, ClusteringOptions options)
    {
        var x = input.X;
        var y = input.Y;
        int k = run.CentreX.Length, n = x.Length;

        // Members by cluster (CSR), in input order.
        var start = new int[k + 1];
        foreach (int l in run.Labels) start[l + 1]++;
        for (int c = 0; c < k; c++) start[c + 1] += start[c];
        var members = new int[n];
        var next = start.AsSpan(0, k).ToArray();
        for (int i = 0; i < n; i++) members[next[run.Labels[i]]++] = i;

        var pieces = new List<int[]>(k);
        var stack = new Stack<int[]>();
        int splits = 0;
        for (int c = 0; c < k; c++)
        {
            stack.Push(members[start[c]..start[c + 1]]);
            while (stack.Count > 0)
            {
                var m = stack.Pop();
                if (m.Length == 0) continue;
                var (px, py) = Gather(x, y, m);
                double r90 = R90(px, py, out double mx, out double my, out double sumSquares);
                if (r90 <= limit) // r90 > limit > 0 implies two or more distinct locations, so a bisection exists
                {
                    pieces.Add(m);
                    continue;
                }

                for (int i = 0; i < px.Length; i++)
                {
                    px[i] -= mx;
                    py[i] -= my;
                }

                const int parts = 2;
                var (labels, _, _, _, _) = AuthorityRunner.KMeans(px, py, parts, sumSquares, options, input.Rng);
                var sub = SplitByLabel(m, labels, parts);
                if (sub.Count < 2)
                {
                    pieces.Add(m);
                    continue;
                }

                splits++;

                // Push in reverse so pieces come out in label order.
                for (int s = sub.Count - 1; s >= 0; s--) stack.Push(sub[s]);
            }
        }

        if (splits == 0) return run;
        var newLabels = new int[n];
        var cx = new double[pieces.Count];
        var cy = new double[pieces.Count];
        double inertia = 0;
        for (int p = 0; p < pieces.Count; p++)
        {
            double sx = 0, sy = 0;
            foreach (int i in pieces[p])
            {
                newLabels[i] = p;
                sx += x[i];
                sy += y[i];
            }

            cx[p] = sx / pieces[p].Length;
            cy[p] = sy / pieces[p].Length;
            foreach (int i in pieces[p])
            {
                double dx = x[i] - cx[p], dy = y[i] - cy[p];
                inertia += (dx * dx) + (dy * dy);
            }
        }

        string note = string.Create(CultureInfo.InvariantCulture,
            $"max radius {limit:0.#} m: {splits} split(s), {k} -> {pieces.Count} clusters");
        return new AuthorityRun(newLabels, cx, cy, inertia, run.Iterations, run.Note.Length == 0 ? note : run.Note + "; " + note);
    }

    private static (double[] X, double[] Y) Gather(double[] x, double[] y, int[] m)
    {
        var px = new double[m.Length];
        var py = new double[m.Length];
        for (int j = 0; j < m.Length; j++)
        {
            px[j] = x[m[j]];
            py[j] = y[m[j]];
        }

        return (px, py);
    }

    /// <summary>r90 about the mean (nearest-rank), with the mean and the sum of squared distances to it.</summary>
    internal static double R90(ReadOnlySpan<double> x, ReadOnlySpan<double> y, out double mx, out double my, out double sumSquares)
    {
        int m = x.Length;
        mx = 0;
        my = 0;
        for (int i = 0; i < m; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= m;
        my /= m;
        var d = new double[m];
        sumSquares = 0;
        for (int i = 0; i < m; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            double d2 = (dx * dx) + (dy * dy);
            sumSquares += d2;
            d[i] = Math.Sqrt(d2);
        }

        Array.Sort(d);
        return d[Math.Max(0, (int)Math.Ceiling(0.9 * m) - 1)];
    }

    private static List<int[]> SplitByLabel(int[] m, int[] labels, int parts)
    {
        var count = new int[parts];
        foreach (int l in labels) count[l]++;
        var result = new List<int[]>(parts);
        var slot = new int[parts];
        for (int p = 0; p < parts; p++)
        {
            slot[p] = count[p] == 0 ? -1 : result.Count;
            if (count[p] > 0) result.Add(new int[count[p]]);
        }

        var fill = new int[result.Count];
        for (int j = 0; j < m.Length; j++)
        {
            int s = slot[labels[j]];
            result[s][fill[s]++] = m[j];
        }

        return result;
    }
}
